package io.growthmetrics.deploy.faults;

import io.growthmetrics.deploy.local.demo.DemoStripeHistory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bodies the harness sends: valid pings, feature metrics and Stripe events, and hostile or poison ones. */
public final class Payloads {

    private Payloads() {
    }

    /** A ping as a current FlowFuse installation sends it (not a developer build, not a stub platform). */
    public static String ping(String instanceId) {
        int h = Math.abs(instanceId.hashCode());
        return "{\"instanceId\":\"" + instanceId + "\",\"os\":{\"type\":\"Linux\",\"release\":\"6.8.0-52-generic\","
                + "\"arch\":\"x64\"},\"env\":{\"nodejs\":\"v20.19.4\",\"flowforge\":\"2.33.2\"},"
                + "\"platform\":{\"counts\":{\"users\":" + (h % 50) + ",\"teams\":" + (h % 7) + ",\"projects\":" + (h % 11)
                + ",\"devices\":" + (h % 13) + "},\"config\":{\"driver\":\"" + (h % 3 == 0 ? "docker" : "localfs")
                + "\",\"broker\":{\"enabled\":true}},\"license\":{\"id\":\"\",\"type\":\"CE\"}}}";
    }

    public static String featureMetric(String metric, long value, Instant observedAt) {
        return "{\"metric\":\"" + metric + "\",\"value\":" + value + ",\"observedAt\":\"" + observedAt
                + "\",\"source\":\"faults-harness\",\"labels\":{}}";
    }

    /** One Stripe event of a renamed copy of the demo history. */
    public record StripeEvent(String id, String json) {
    }

    /**
     * The demo billing history of {@code customers} customers over 90 days, its ids renamed ({@code evt_<p>},
     * {@code cus_<p>}, {@code sub_<p>} for {@code evt_demo}…) and its currencies mapped, so copies do not mix.
     */
    public static List<StripeEvent> stripeHistory(long seed, Instant now, int customers, String prefix,
            Map<String, String> currencies) {
        List<StripeEvent> out = new ArrayList<>();
        for (DemoStripeHistory.Event e : DemoStripeHistory.generate(seed, now, 90, customers)) {
            String json = e.json().replace("evt_demo", "evt_" + prefix).replace("cus_demo", "cus_" + prefix)
                    .replace("sub_demo", "sub_" + prefix);
            for (Map.Entry<String, String> c : currencies.entrySet()) {
                json = json.replace("\"currency\":\"" + c.getKey() + "\"", "\"currency\":\"" + c.getValue() + "\"");
            }
            out.add(new StripeEvent(e.id().replace("evt_demo", "evt_" + prefix), json));
        }
        return out;
    }

    /** Ping bodies no collector may accept: each must get a 4xx. */
    public static List<byte[]> hostilePings() {
        List<byte[]> bodies = new ArrayList<>();
        for (String s : List.of(
                "",
                "null",
                "[]",
                "[{\"instanceId\":\"x\"}]",
                "\"instanceId\"",
                "42",
                "{",
                "{\"instanceId\":\"faults-hostile\",}",
                "{\"instanceId\":null}",
                "{\"instanceId\":\"\"}",
                "{\"instanceId\":\"   \"}",
                "{\"instanceId\":42}",
                "{\"instanceId\":{\"a\":1}}",
                "{\"instanceId\":\"faults-hostile-nul\",\"note\":\"a\\u0000b\"}",
                "{\"instanceId\":\"faults-hostile-nul2\\u0000\"}",
                "{\"instanceId\":\"faults-hostile-surrogate\",\"note\":\"\\ud800\"}",
                "{\"instanceId\":\"faults-hostile-surrogate2\",\"os\":{\"type\":\"\\udc00x\"}}",
                "{\"instanceId\":\"faults-hostile-long\",\"os\":{\"type\":\"" + "L".repeat(5000) + "\"}}",
                "{\"instanceId\":\"" + "i".repeat(5000) + "\"}",
                "{\"instanceId\":\"faults-hostile-count\",\"platform\":{\"counts\":{\"projects\":1e400}}}",
                "{\"instanceId\":\"faults-hostile-count2\",\"platform\":{\"counts\":{\"projects\":-1}}}",
                "{\"instanceId\":\"faults-hostile-count3\",\"platform\":{\"counts\":{\"projects\":\"many\"}}}",
                "{\"instanceId\":\"faults-hostile-count4\",\"platform\":{\"counts\":{\"projects\":99999999999999999999}}}",
                "{\"instanceId\":\"faults-hostile-deep\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "{\"instanceId\":\"faults-hostile-dup\",\"instanceId\":\"faults-hostile-dup2\"}",
                "{\"instanceId\":\"faults-hostile-big\",\"x\":\"" + "b".repeat(70_000) + "\"}")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'i', 'n', 's', 't', 'a', 'n', 'c', 'e', 'I', 'd', '"', ':', '"', (byte) 0xC3,
                (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        return bodies;
    }

    /** Records no consumer can process: each must be dead-lettered with its bytes, and consumption go on. */
    public static List<byte[]> poisonRecords() {
        List<byte[]> records = new ArrayList<>();
        records.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'});
        records.add("not json at all".getBytes(StandardCharsets.UTF_8));
        records.add("[]".getBytes(StandardCharsets.UTF_8));
        records.add("{\"schemaVersion\":999}".getBytes(StandardCharsets.UTF_8));
        records.add("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8));
        records.add("{\"schemaVersion\":1,\"metric\":\"a\\u0000b\",\"value\":1e200000,\"observedAt\":\"10000-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8));
        return records;
    }

    /** A ping event as telemetry-ingest publishes it, but carrying a NUL that PostgreSQL cannot store. */
    public static byte[] poisonPingEvent(String instanceId) {
        return ("{\"schemaVersion\":1,\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"receivedAt\":\""
                + Instant.now() + "\",\"source\":\"ping\",\"senderIpHash\":\"00\",\"ping\":{\"instanceId\":\""
                + instanceId + "\",\"os\":{\"type\":\"Lin\\u0000ux\"}},\"extras\":{\"note\":\"a\\u0000b\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
