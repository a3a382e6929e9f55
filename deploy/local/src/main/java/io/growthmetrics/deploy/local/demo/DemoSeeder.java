package io.growthmetrics.deploy.local.demo;

import io.growthmetrics.deploy.local.Console;
import io.growthmetrics.deploy.local.Http;
import io.growthmetrics.deploy.local.Json;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seeds a fresh stack with {@link DemoPings}: writes them as the collector's CSV export to
 * {@code <data>/demo/pings.csv}, then posts that file to telemetry-ingest's history import
 * ({@code POST /admin/import/pings}, bearer token, {@code text/csv}) in chunks of {@value #CHUNK_ROWS} rows,
 * each with the header, so no request gets large.
 */
public final class DemoSeeder {

    public static final String IMPORT_PATH = "/admin/import/pings";
    static final int CHUNK_ROWS = 5_000;

    /** What was generated and what the import said. */
    public record Result(long rows, int installations, int installationsFirstDay, int installationsLastDay,
                         LocalDate firstDay, LocalDate lastDay, long csvBytes, long imported, long rejected,
                         boolean importAvailable) {
    }

    /** Generation statistics. */
    record Generated(long rows, int installations, int firstDayInstallations, int lastDayInstallations,
                     LocalDate firstDay, LocalDate lastDay, long bytes) {
    }

    private final String ingestBaseUrl;
    private final String adminToken;
    private final Path demoDir;
    private final int chunkRows;

    public DemoSeeder(String ingestBaseUrl, String adminToken, Path demoDir) {
        this(ingestBaseUrl, adminToken, demoDir, CHUNK_ROWS);
    }

    DemoSeeder(String ingestBaseUrl, String adminToken, Path demoDir, int chunkRows) {
        this.ingestBaseUrl = ingestBaseUrl;
        this.adminToken = adminToken;
        this.demoDir = demoDir;
        this.chunkRows = chunkRows;
    }

    /** Generates the default demo (90 days up to {@code now}) and imports it. */
    public Result seed(Instant now) throws IOException, InterruptedException {
        return seed(new DemoPings(DemoPings.DEFAULT_SEED, DemoPings.DEFAULT_DAYS, now));
    }

    Result seed(DemoPings demo) throws IOException, InterruptedException {
        Path csv = demoDir.resolve("pings.csv");
        Generated generated = writeCsv(demo, csv);
        Console.info(String.format("Demo data: %,d pings from %d installations, %s to %s (%d pinged on the first day,"
                        + " %d on the last); %,.1f MB of CSV in %s",
                generated.rows(), generated.installations(), generated.firstDay(), generated.lastDay(),
                generated.firstDayInstallations(), generated.lastDayInstallations(), generated.bytes() / 1e6, csv));
        long[] counts = importCsv(csv);
        return new Result(generated.rows(), generated.installations(), generated.firstDayInstallations(),
                generated.lastDayInstallations(), generated.firstDay(), generated.lastDay(), generated.bytes(),
                counts[0], counts[1], counts[2] == 1);
    }

    /** Writes the demo pings as CSV; returns what it wrote. */
    static Generated writeCsv(DemoPings demo, Path csv) throws IOException {
        Files.createDirectories(csv.getParent());
        Set<String> ids = new HashSet<>();
        Map<LocalDate, Set<String>> edgeDays = new HashMap<>();
        edgeDays.put(demo.firstDay(), new HashSet<>());
        edgeDays.put(demo.lastDay(), new HashSet<>());
        long rows;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             PingCsv.RowWriter writer = new PingCsv.RowWriter(out)) {
            demo.generate(ping -> {
                writer.write(ping);
                ids.add(ping.instanceId());
                Set<String> day = edgeDays.get(ping.createdAt().toLocalDate());
                if (day != null) {
                    day.add(ping.instanceId());
                }
            });
            rows = writer.rows();
        }
        return new Generated(rows, ids.size(), edgeDays.get(demo.firstDay()).size(),
                edgeDays.get(demo.lastDay()).size(), demo.firstDay(), demo.lastDay(), Files.size(csv));
    }

    /** Posts the CSV in chunks; returns {imported, rejected, 1 if the endpoint exists else 0}. */
    private long[] importCsv(Path csv) throws IOException, InterruptedException {
        long imported = 0;
        long rejected = 0;
        int shownRejections = 0;
        String url = ingestBaseUrl + IMPORT_PATH;
        Console.info("Importing it through " + url + " ...");
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            PingCsv.RecordSplitter splitter = new PingCsv.RecordSplitter();
            StringBuilder chunk = new StringBuilder();
            int rowsInChunk = 0;
            long fileLine = 1;
            long chunkFirstLine = 2;
            String line;
            boolean more = true;
            while (more) {
                line = in.readLine();
                more = line != null;
                if (more) {
                    fileLine++;
                    if (rowsInChunk == 0 && !splitter.inRecord()) {
                        chunkFirstLine = fileLine;
                    }
                    String record = splitter.add(line);
                    if (record == null) {
                        continue;
                    }
                    chunk.append(record).append('\n');
                    rowsInChunk++;
                }
                if (rowsInChunk == chunkRows || (!more && rowsInChunk > 0)) {
                    Http.Response response = post(header + "\n" + chunk);
                    if (response.status() == 404 || response.status() == 405) {
                        Console.warn("telemetry-ingest has no history import yet (" + response.status() + " from "
                                + url + "); the stack runs without demo data");
                        return new long[]{imported, rejected, 0};
                    }
                    if (!response.ok()) {
                        throw new IOException("The import answered " + response.status() + ": " + abbreviate(response.body()));
                    }
                    Object json = Json.parse(response.body());
                    imported += Math.max(0, Json.longMember(json, "imported"));
                    rejected += Math.max(0, Json.longMember(json, "rejected"));
                    shownRejections += showRejections(json, csv, chunkFirstLine, 5 - shownRejections);
                    chunk.setLength(0);
                    rowsInChunk = 0;
                }
            }
        }
        Console.info(String.format("Imported %,d pings, %,d rejected", imported, rejected));
        return new long[]{imported, rejected, 1};
    }

    private Http.Response post(String body) throws IOException, InterruptedException {
        return Http.post(ingestBaseUrl + IMPORT_PATH,
                Map.of("Authorization", "Bearer " + adminToken, "Content-Type", "text/csv"),
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                Duration.ofMinutes(5));
    }

    /** Prints a few rejections, with their line in the CSV file (the import counts lines of the chunk, header = 1). */
    private static int showRejections(Object json, Path csv, long chunkFirstLine, int max) {
        if (max <= 0 || !(json instanceof Map<?, ?> map) || !(map.get("rejections") instanceof List<?> list)) {
            return 0;
        }
        int shown = 0;
        for (Object item : list) {
            if (shown == max) {
                break;
            }
            if (item instanceof Map<?, ?> rejection) {
                String where = rejection.get("line") instanceof java.math.BigDecimal line
                        ? csv + " line " + (chunkFirstLine + line.longValue() - 2) : csv.toString();
                Console.warn("rejected: " + where + ": " + rejection.get("reason"));
                shown++;
            }
        }
        return shown;
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + " ..." : flat;
    }
}
