package io.growthmetrics.deploy.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log scan itself: it must find what leaks and leave ordinary log lines alone. */
class LogScannerTest {

    private final LogScanner scanner = new LogScanner(Map.of("admin token", "tok-123456"), Set.of(8080, 9092, 5432));

    @Test
    void findsSecretsEmailsAddressesAndCardNumbers() {
        assertEquals(1, scanner.scanLine("Authorization: Bearer tok-123456").size());
        assertTrue(scanner.scanLine("customer alice.smith+x@example.co.uk paid").get(0).contains("e-mail"));
        assertTrue(scanner.scanLine("Ping from 203.0.113.7 not stored").get(0).contains("IPv4"));
        assertTrue(scanner.scanLine("Ping from 127.0.0.1 not stored").get(0).contains("IPv4"), "a sender on loopback");
        assertTrue(scanner.scanLine("connection from /127.0.0.1:53412").get(0).contains("IPv4"), "a client's port");
        assertTrue(scanner.scanLine("sender 2001:db8::7 refused").get(0).contains("IPv6"));
        assertTrue(scanner.scanLine("sender [2001:db8:0:0:1:0:0:7]:443").get(0).contains("IPv6"));
        assertTrue(scanner.scanLine("sender ::ffff:198.51.100.4").stream().anyMatch(f -> f.contains("IPv6")));
        assertTrue(scanner.scanLine("card 4111 1111 1111 1111 declined").get(0).contains("card"));
        assertTrue(scanner.scanLine("card 4242424242424242").get(0).contains("card"));
        assertTrue(scanner.scanLine("amex 3782-822463-10005").get(0).contains("card"));
        assertTrue(scanner.scanLine("mc 2223003122003222").get(0).contains("card"));
    }

    @Test
    void leavesOrdinaryLinesAlone() {
        List<String> ordinary = List.of(
                "2026-11-29 05:03:45,123 INFO  [io.quarkus] (main) kpi-service 0.1.0-SNAPSHOT on JVM (powered by Quarkus 3.34.2) started in 4.210s. Listening on: http://127.0.0.1:8080",
                "\tbootstrap.servers = [127.0.0.1:9092]",
                "Database: jdbc:postgresql://127.0.0.1:5432/growth_local (PostgreSQL 15.10)",
                "[::1]:8080 and 0:0:0:0:0:0:0:1:9092",
                "Kafka version: 4.1.1, Hibernate Reactive 3.1.0.Final, netty 4.1.128.Final",
                "Revenue views recomputed for 2026-08-31..2026-11-29 at 05:03:45.123456Z",
                "epoch 1764392625123 offset 4111111 partition 12 producerId=40123456789",
                "eventId 0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90 hash 7662c4cd8922a3adc0325eb683f7ded19f83bfeef8ea1cd61c59d71049b8cfe3",
                "io.vertx.core.impl.ContextImpl@6d4b1c02 Foo::bar std::vector a:b:c",
                "java.lang.IllegalStateException: x at io.growthmetrics.Foo.lambda$run$0(Foo.java:12)");
        for (String line : ordinary) {
            assertEquals(List.of(), scanner.scanLine(line), line);
        }
    }

    @Test
    void theLaunchersOwnOutputIsScannedForEverythingButAddresses() {
        assertEquals(List.of(), scanner.scanLine("the services listen on 127.0.0.1 only", false));
        assertEquals(1, scanner.scanLine("token tok-123456 for 10.0.0.1", false).size());
    }

    @Test
    void ipv6AndLuhnRules() {
        assertTrue(LogScanner.isIpv6("2001:db8::1"));
        assertTrue(LogScanner.isIpv6("fe80:0:0:0:0:0:0:1"));
        assertFalse(LogScanner.isIpv6("05:03:45"));
        assertFalse(LogScanner.isIpv6("05:03:45.123"));
        assertFalse(LogScanner.isIpv6("::"));
        assertFalse(LogScanner.isIpv6("a:b:c"));
        assertTrue(LogScanner.luhn("4111111111111111"));
        assertFalse(LogScanner.luhn("4111111111111112"));
        assertFalse(LogScanner.panShaped("1764392625123"), "epoch milliseconds are no card");
    }
}
