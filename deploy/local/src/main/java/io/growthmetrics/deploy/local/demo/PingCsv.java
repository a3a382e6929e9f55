package io.growthmetrics.deploy.local.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The collector's {@code pings} table as {@code COPY pings TO STDOUT WITH CSV HEADER} writes it: a header of the
 * (dotted) column names in table order, NULL as an empty field, an empty string as {@code ""}, booleans as
 * {@code t}/{@code f}, timestamps as {@code YYYY-MM-DD HH:MM:SS.ffffff}, quotes only where needed.
 */
public final class PingCsv {

    /**
     * Column order of the table: {@code 00000000-create-table.sql} (with {@code createdAt} renamed to
     * {@code created_at} and the week and isDev columns dropped), then the columns the later migrations added.
     */
    public static final List<String> COLUMNS = List.of(
            "created_at",
            "instanceId",
            "ip",
            "env.flowforge",
            "env.nodejs",
            "os.arch",
            "os.release",
            "os.type",
            "platform.config.driver",
            "platform.counts.projects",
            "platform.counts.teams",
            "platform.counts.users",
            "platform.counts.devices",
            "platform.counts.projectSnapshots",
            "platform.counts.projectStacks",
            "platform.counts.projectTemplates",
            "platform.config.broker.enabled",
            "platform.config.email.enabled",
            "platform.config.fileStore.enabled",
            "platform.counts.libraryEntries",
            "platform.counts.sharedLibraryEntries",
            "platform.license.id",
            "platform.license.type",
            "platform.counts.projectsByState.suspended",
            "platform.counts.blueprints",
            "platform.counts.teamBrokerClients",
            "platform.counts.devicesByLastSeen.never",
            "platform.counts.devicesByLastSeen.day",
            "platform.counts.remoteBrokers");

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private PingCsv() {
    }

    public static String header() {
        return line(COLUMNS);
    }

    /** The row's fields in column order, formatted; null for NULL. */
    public static List<String> values(Ping p) {
        return Arrays.asList(
                timestamp(p.createdAt()),
                p.instanceId(),
                p.ip(),
                p.flowforgeVersion(),
                p.nodejsVersion(),
                p.osArch(),
                p.osRelease(),
                p.osType(),
                p.driver(),
                number(p.projects()),
                number(p.teams()),
                number(p.users()),
                number(p.devices()),
                number(p.projectSnapshots()),
                number(p.projectStacks()),
                number(p.projectTemplates()),
                bool(p.brokerEnabled()),
                bool(p.emailEnabled()),
                bool(p.fileStoreEnabled()),
                number(p.libraryEntries()),
                number(p.sharedLibraryEntries()),
                p.licenseId(),
                p.licenseType(),
                number(p.projectsSuspended()),
                number(p.blueprints()),
                number(p.teamBrokerClients()),
                number(p.devicesNeverSeen()),
                number(p.devicesSeenLastDay()),
                number(p.remoteBrokers()));
    }

    /** One CSV line (without the line break). */
    public static String row(Ping p) {
        return line(values(p));
    }

    public static String line(List<String> values) {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(values.get(i)));
        }
        return sb.toString();
    }

    /** PostgreSQL's CSV quoting: NULL is nothing, "" is an empty string, quote when a delimiter, quote or line break is inside. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty() || value.equals("\\.") || needsQuotes(value)) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    static String timestamp(LocalDateTime t) {
        return t == null ? null : TIMESTAMP.format(t);
    }

    private static String number(Integer n) {
        return n == null ? null : n.toString();
    }

    private static String bool(Boolean b) {
        return b == null ? null : (b ? "t" : "f");
    }

    /** Writes the header, then one line per ping ({@code \n} line ends, as COPY does). */
    public static final class RowWriter implements AutoCloseable {
        private final java.io.Writer out;
        private long rows;

        public RowWriter(java.io.Writer out) {
            this.out = out;
            write(header());
        }

        public void write(Ping ping) {
            write(row(ping));
            rows++;
        }

        public long rows() {
            return rows;
        }

        private void write(String line) {
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Splits CSV text into records: a line break ends a record only outside quotes. */
    public static List<String> records(String csv) {
        List<String> records = new ArrayList<>();
        RecordSplitter splitter = new RecordSplitter();
        for (String line : csv.split("\n", -1)) {
            String record = splitter.add(line);
            if (record != null) {
                records.add(record);
            }
        }
        if (!records.isEmpty() && records.get(records.size() - 1).isEmpty()) {
            records.remove(records.size() - 1);
        }
        return records;
    }

    /** Joins physical lines into CSV records (quote-aware). */
    public static final class RecordSplitter {
        private final StringBuilder pending = new StringBuilder();
        private boolean open;

        /** Adds one physical line; returns the completed record, or null while a quoted field is still open. */
        public String add(String line) {
            if (open) {
                pending.append('\n');
            }
            pending.append(line);
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '"') {
                    open = !open;
                }
            }
            if (open) {
                return null;
            }
            String record = pending.toString();
            pending.setLength(0);
            return record;
        }

        public boolean inRecord() {
            return open;
        }
    }
}
