package io.growthmetrics.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.EventJson;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PingCsvReaderTest {

    private final PingParser parser = new PingParser();

    /** collector-export.csv was written by PostgreSQL itself: `\copy pings TO … WITH CSV HEADER` of the collector's table. */
    @Test
    void readsARealPostgresExport() throws Exception {
        List<PingCsvReader.Result> results = readAll(resource("/import/collector-export.csv"));
        assertEquals(5, results.size());
        results.forEach(r -> assertInstanceOf(PingCsvReader.Row.class, r, r.toString()));

        PingCsvReader.Row oldest = (PingCsvReader.Row) results.get(0);
        assertEquals(2, oldest.line());
        assertEquals(Instant.parse("2022-03-01T09:15:02.510Z"), oldest.receivedAt());
        assertEquals("b64hash/of+ip==", oldest.ip());
        JsonNode ping = EventJson.mapper().valueToTree(parser.parse(oldest.body()).ping());
        assertEquals("0.2.0", ping.at("/env/flowforge").asText());
        assertEquals(2, ping.at("/platform/counts/projects").asInt());
        assertTrue(ping.at("/platform/counts/devices").isMissingNode(), "NULL stays absent");

        PingCsvReader.Row current = (PingCsvReader.Row) results.get(2);
        assertEquals(Instant.parse("2026-11-20T08:00:00.123456Z"), current.receivedAt());
        assertEquals("6.8.0-52-generic, \"custom\"", current.body().at("/os/release").asText());
        assertTrue(current.body().at("/platform/config/broker/enabled").asBoolean());
        assertEquals(21, current.body().at("/platform/counts/projectsByState/suspended").asInt());

        PingCsvReader.Row ce = (PingCsvReader.Row) results.get(1);
        assertEquals("", ce.body().at("/platform/license/id").asText(), "a quoted empty string is not NULL");
        assertFalse(ce.body().at("/platform/config/email/enabled").asBoolean());

        PingCsvReader.Row sparse = (PingCsvReader.Row) results.get(4);
        assertNull(sparse.ip());
        assertEquals("TRIAL", parser.parse(sparse.body()).ping().platform().license().type());
    }

    @Test
    void rejectsBadRowsWithLineAndReasonAndGoesOn() throws Exception {
        List<PingCsvReader.Result> results = readAll(resource("/import/with-bad-rows.csv"));
        assertEquals(7, results.size());
        assertInstanceOf(PingCsvReader.Row.class, results.get(0));
        // An empty instanceId is a NULL: the row reads, the parser refuses it.
        PingCsvReader.Row noId = (PingCsvReader.Row) results.get(1);
        assertThrows(InvalidPingException.class, () -> parser.parse(noId.body()));
        assertEquals(new PingCsvReader.Rejection(4, "'created_at' is not a timestamp like 2024-06-01 12:34:56.123456: 'not-a-time'"),
                results.get(2));
        assertEquals(new PingCsvReader.Rejection(5, "column 'platform.counts.projects': 'three' is not a whole number"),
                results.get(3));
        assertEquals(new PingCsvReader.Rejection(6, "column 'platform.config.broker.enabled': 'yes' is not a boolean (t or f)"),
                results.get(4));
        assertEquals(new PingCsvReader.Rejection(7, "expected 7 fields as in the header, found 6"), results.get(5));
        PingCsvReader.Row quoted = (PingCsvReader.Row) results.get(6);
        assertEquals(8, quoted.line());
        assertEquals("Windows_NT", quoted.body().at("/os/type").asText());
    }

    @Test
    void lineNumbersCountPhysicalLinesAcrossQuotedNewlines() throws Exception {
        String csv = "created_at,instanceId,os.release\n"
                + "2026-01-01 00:00:00,a,\"multi\nline\"\n"
                + "bad,b,x\n";
        List<PingCsvReader.Result> results = readAll(new StringReader(csv));
        assertEquals(2, ((PingCsvReader.Row) results.get(0)).line());
        assertEquals(4, ((PingCsvReader.Rejection) results.get(1)).line());
    }

    @Test
    void refusesAFileWithoutTheKeyColumns() {
        InvalidPingException noTime = assertThrows(InvalidPingException.class,
                () -> new PingCsvReader(new StringReader("instanceId,ip\na,b\n")));
        assertEquals("The CSV header has no 'created_at' column (the receive time of each ping)", noTime.getMessage());
        InvalidPingException noId = assertThrows(InvalidPingException.class,
                () -> new PingCsvReader(new StringReader("created_at,ip\n2026-01-01 00:00:00,b\n")));
        assertEquals("The CSV header has no 'instanceId' column", noId.getMessage());
        assertThrows(InvalidPingException.class, () -> new PingCsvReader(new StringReader("")));
    }

    @Test
    void aBrokenQuoteStopsReadingWithTheLine() throws Exception {
        String csv = "created_at,instanceId\n2026-01-01 00:00:00,a\n2026-01-01 00:00:00,\"b\n";
        PingCsvReader reader = new PingCsvReader(new StringReader(csv));
        assertInstanceOf(PingCsvReader.Row.class, reader.next());
        InvalidPingException e = assertThrows(InvalidPingException.class, reader::next);
        assertTrue(e.getMessage().startsWith("Line 3: the CSV is malformed"), e.getMessage());
    }

    @Test
    void timestampsInEveryShapePostgresWrites() {
        assertEquals(Instant.parse("2024-06-01T12:34:56Z"), PingCsvReader.parseTimestamp("2024-06-01 12:34:56"));
        assertEquals(Instant.parse("2024-06-01T12:34:56.100Z"), PingCsvReader.parseTimestamp("2024-06-01 12:34:56.1"));
        assertEquals(Instant.parse("2024-06-01T10:34:56.123456Z"), PingCsvReader.parseTimestamp("2024-06-01 12:34:56.123456+02"));
        assertEquals(Instant.parse("2024-06-01T12:34:56Z"), PingCsvReader.parseTimestamp("2024-06-01T12:34:56Z"));
    }

    private static Reader resource(String name) {
        return new InputStreamReader(PingCsvReaderTest.class.getResourceAsStream(name), StandardCharsets.UTF_8);
    }

    private static List<PingCsvReader.Result> readAll(Reader csv) throws Exception {
        List<PingCsvReader.Result> results = new ArrayList<>();
        try (PingCsvReader reader = new PingCsvReader(csv)) {
            PingCsvReader.Result r;
            while ((r = reader.next()) != null) {
                results.add(r);
            }
        }
        return results;
    }
}
