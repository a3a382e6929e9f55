package io.growthmetrics.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the existing collector's {@code pings} table as {@code COPY pings TO STDOUT WITH CSV HEADER} writes it:
 * one column per dotted field name, {@code created_at} the receive time in UTC, an unquoted empty field is NULL.
 * Streams row by row; each row becomes a ping body (nested JSON, as the sender would have sent it) or a rejection.
 */
public final class PingCsvReader implements Closeable {

    public static final String RECEIVED_AT = "created_at";
    /** The column's name before the collector's migration of 2023-01-05. */
    public static final String RECEIVED_AT_LEGACY = "createdAt";
    public static final String IP = "ip";

    /** PostgreSQL writes {@code 2024-06-01 12:34:56.123456}, trimming the fraction; a zone suffix is allowed. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    /** A row that reads as a ping. */
    public record Row(long line, Instant receivedAt, String ip, ObjectNode body) implements Result {
    }

    /** A row that does not, and why. */
    public record Rejection(long line, String reason) implements Result {
    }

    public sealed interface Result permits Row, Rejection {
    }

    /** What a decoder puts in place of bytes that are not UTF-8 (see {@link #utf8Reader}); a row holding it is rejected. */
    public static final char NOT_UTF8 = '\uFFFF';

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final String receivedAtColumn;
    private final LineLimitedReader lines;

    public PingCsvReader(Reader csv) throws InvalidPingException {
        this(csv, null);
    }

    /** A reader whose physical lines {@code lines} limits ({@code csv} reads from it), so overlong rows are rejected. */
    public PingCsvReader(Reader csv, LineLimitedReader lines) throws InvalidPingException {
        this.lines = lines;
        try {
            this.parser = CSVFormat.POSTGRESQL_CSV.builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setAllowDuplicateHeaderNames(false)
                    .get()
                    .parse(csv);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new InvalidPingException("The CSV header cannot be read: " + e.getMessage());
        }
        this.header = parser.getHeaderNames();
        if (lines != null && lines.overlongBetween(1, Math.max(1, parser.getCurrentLineNumber())) > 0) {
            throw new InvalidPingException("The CSV header is longer than " + lines.maxLineLength()
                    + " characters (ingest.limits.csv-line-length)");
        }
        if (header.stream().anyMatch(h -> h.indexOf(NOT_UTF8) >= 0)) {
            throw new InvalidPingException("The CSV header is not valid UTF-8");
        }
        if (header.isEmpty()) {
            throw new InvalidPingException("The CSV is empty: expected a header row with the pings table's column names");
        }
        if (!header.contains(PingField.INSTANCE_ID.path())) {
            throw new InvalidPingException("The CSV header has no 'instanceId' column");
        }
        this.receivedAtColumn = header.contains(RECEIVED_AT) ? RECEIVED_AT
                : header.contains(RECEIVED_AT_LEGACY) ? RECEIVED_AT_LEGACY : null;
        if (receivedAtColumn == null) {
            throw new InvalidPingException("The CSV header has no 'created_at' column (the receive time of each ping)");
        }
        this.records = parser.iterator();
    }

    /**
     * The next row, or null at the end.
     *
     * @throws InvalidPingException when the CSV itself is broken (e.g. an unterminated quote): nothing after it can be read
     */
    public Result next() throws InvalidPingException {
        long line = parser.getCurrentLineNumber() + 1;
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            if (lines != null) {
                long overlong = lines.overlongBetween(line, Math.max(line, parser.getCurrentLineNumber()));
                if (overlong > 0) {
                    return new Rejection(line, "line " + overlong + " is longer than " + lines.maxLineLength()
                            + " characters (ingest.limits.csv-line-length)");
                }
            }
            for (String value : record) {
                if (value != null && value.indexOf(NOT_UTF8) >= 0) {
                    return new Rejection(line, "the row is not valid UTF-8");
                }
            }
            return toResult(line, record);
        } catch (RuntimeException e) {
            throw new InvalidPingException("Line " + line + ": the CSV is malformed from here on: " + rootMessage(e));
        }
    }

    private Result toResult(long line, CSVRecord record) {
        if (record.size() != header.size()) {
            return new Rejection(line, "expected " + header.size() + " fields as in the header, found " + record.size());
        }
        String receivedAtText = record.get(receivedAtColumn);
        if (receivedAtText == null || receivedAtText.isBlank()) {
            return new Rejection(line, "'" + receivedAtColumn + "' is empty");
        }
        Instant receivedAt;
        try {
            receivedAt = parseTimestamp(receivedAtText);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return new Rejection(line, "'" + receivedAtColumn + "' is not a timestamp like 2024-06-01 12:34:56.123456: '"
                    + shown(receivedAtText) + "'");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = record.get(i);
            if (value == null || column.equals(receivedAtColumn) || column.equals(IP)) {
                continue;
            }
            JsonNode typed;
            try {
                typed = PingField.byPath(column).map(f -> typedValue(f, value))
                        .orElse(JsonNodeFactory.instance.textNode(value));
            } catch (IllegalArgumentException e) {
                return new Rejection(line, "column '" + column + "': " + e.getMessage());
            }
            put(body, column, typed);
        }
        String ip = header.contains(IP) ? record.get(IP) : null;
        return new Row(line, receivedAt, ip, body);
    }

    /**
     * Decodes UTF-8 strictly yet without giving up: a malformed byte sequence becomes {@link #NOT_UTF8}, and the row
     * holding it is rejected (the rows around it are still read).
     */
    public static Reader utf8Reader(java.io.InputStream in) {
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_UTF8));
        return new java.io.InputStreamReader(in, decoder);
    }

    static Instant parseTimestamp(String text) {
        var parsed = TIMESTAMP.parseBest(text.trim(), java.time.OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private static JsonNode typedValue(PingField field, String value) {
        return switch (field.type()) {
            case STRING -> JsonNodeFactory.instance.textNode(value);
            case INTEGER -> {
                try {
                    yield JsonNodeFactory.instance.numberNode(Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + shown(value) + "' is not a whole number");
                }
            }
            case BOOLEAN -> switch (value.trim().toLowerCase()) {
                case "t", "true" -> JsonNodeFactory.instance.booleanNode(true);
                case "f", "false" -> JsonNodeFactory.instance.booleanNode(false);
                default -> throw new IllegalArgumentException("'" + shown(value) + "' is not a boolean (t or f)");
            };
        };
    }

    /** Puts a value at a dotted path, creating the objects on the way, as the sender's gather() does. */
    private static void put(ObjectNode root, String dottedPath, JsonNode value) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    /** A value as a rejection quotes it: short, NUL made visible. */
    static String shown(String value) {
        String v = value.replace("\u0000", "\\u0000");
        return v.length() <= 60 ? v : v.substring(0, 60) + "…";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
