package io.growthmetrics.deploy.local.demo;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PingCsvTest {

    @Test
    void headerIsTheCollectorsDottedColumnNamesInTableOrder() {
        assertEquals("created_at,instanceId,ip,env.flowforge,env.nodejs,os.arch,os.release,os.type,"
                + "platform.config.driver,platform.counts.projects,platform.counts.teams,platform.counts.users,"
                + "platform.counts.devices,platform.counts.projectSnapshots,platform.counts.projectStacks,"
                + "platform.counts.projectTemplates,platform.config.broker.enabled,platform.config.email.enabled,"
                + "platform.config.fileStore.enabled,platform.counts.libraryEntries,platform.counts.sharedLibraryEntries,"
                + "platform.license.id,platform.license.type,platform.counts.projectsByState.suspended,"
                + "platform.counts.blueprints,platform.counts.teamBrokerClients,"
                + "platform.counts.devicesByLastSeen.never,platform.counts.devicesByLastSeen.day,"
                + "platform.counts.remoteBrokers", PingCsv.header());
        assertEquals(29, PingCsv.COLUMNS.size());
        assertEquals(Ping.class.getRecordComponents().length, PingCsv.COLUMNS.size());
    }

    @Test
    void quotesLikePostgresCsv() {
        assertEquals("", PingCsv.field(null));
        assertEquals("\"\"", PingCsv.field(""));
        assertEquals("plain", PingCsv.field("plain"));
        assertEquals("6.6.51+rpt-rpi-v7", PingCsv.field("6.6.51+rpt-rpi-v7"));
        assertEquals("\"a,b\"", PingCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", PingCsv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", PingCsv.field("two\nlines"));
        assertEquals("\"cr\rhere\"", PingCsv.field("cr\rhere"));
        assertEquals("\"\\.\"", PingCsv.field("\\."));
        assertEquals("a,\"\",,\"x,y\"", PingCsv.line(Arrays.asList("a", "", null, "x,y")));
    }

    @Test
    void writesARowWithNullsBooleansAndMicroseconds() {
        Ping ping = new Ping(LocalDateTime.parse("2026-03-01T08:09:10.000123"), "5db51f99-c6fb-4340-9c19-78adce58cc1b",
                "203.0.113.7", "1.4.0", "v16.19.0", "x64", "5.15.0-119-generic", "Linux", "localfs",
                2, 1, 3, 0, 4, 1, 2, true, false, null, 5, 0, null, null, 0, 0, 0, 0, 0, 0);
        assertEquals("2026-03-01 08:09:10.000123,5db51f99-c6fb-4340-9c19-78adce58cc1b,203.0.113.7,1.4.0,v16.19.0,x64,"
                + "5.15.0-119-generic,Linux,localfs,2,1,3,0,4,1,2,t,f,,5,0,,,0,0,0,0,0,0", PingCsv.row(ping));
        assertNull(PingCsv.values(ping).get(21));
    }

    @Test
    void splitsRecordsOnlyOutsideQuotes() {
        List<String> records = PingCsv.records("h1,h2\n\"a\nb\",c\n\"x\"\"y\",z\n");
        assertEquals(List.of("h1,h2", "\"a\nb\",c", "\"x\"\"y\",z"), records);
    }
}
