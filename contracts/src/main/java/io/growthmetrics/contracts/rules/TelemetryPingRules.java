package io.growthmetrics.contracts.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;

import java.time.Instant;
import java.util.Map;

/**
 * The rules of a {@code telemetry.pings.v1} envelope: the old collector's column sizes for the known strings (which
 * kpi-service's columns repeat), counts from 0 to 2³¹−1, storable extras within {@link JsonLimits}, a receive time
 * within {@link EventTimes}.
 */
public final class TelemetryPingRules {

    public static final int INSTANCE_ID = 256;
    public static final int OS_TYPE = 32;
    public static final int OS_RELEASE = 128;
    public static final int OS_ARCH = 32;
    public static final int NODEJS = 64;
    public static final int FLOWFORGE = 64;
    public static final int DRIVER = 32;
    public static final int LICENSE_ID = 256;
    public static final int LICENSE_TYPE = 16;
    public static final int SOURCE = 16;
    public static final int IP_HASH = 64;
    public static final int EVENT_ID = 64;

    private TelemetryPingRules() {
    }

    /** Every problem of the envelope, seen from {@code now}. */
    public static Violations check(TelemetryPingEvent event, Instant now, JsonLimits extrasLimits) {
        Violations v = new Violations()
                .requiredText("eventId", event.eventId(), EVENT_ID)
                .required("receivedAt", event.receivedAt())
                .instant("receivedAt", event.receivedAt(), EventTimes.EARLIEST, EventTimes.latestObservation(now))
                .text("source", event.source(), SOURCE)
                .text("senderIpHash", event.senderIpHash(), IP_HASH);
        TelemetryPing ping = event.ping();
        if (ping == null) {
            return v.add("'ping' is required");
        }
        v.requiredText("instanceId", ping.instanceId(), INSTANCE_ID);
        checkPing(ping, v);
        for (Map.Entry<String, JsonNode> extra : event.extras().entrySet()) {
            v.text("extras key", extra.getKey(), extrasLimits.maxKeyLength() * Math.max(1, extrasLimits.maxDepth()));
            v.json(extra.getKey(), extra.getValue(), extrasLimits);
        }
        return v;
    }

    private static void checkPing(TelemetryPing ping, Violations v) {
        if (ping.os() != null) {
            v.text("os.type", ping.os().type(), OS_TYPE)
                    .text("os.release", ping.os().release(), OS_RELEASE)
                    .text("os.arch", ping.os().arch(), OS_ARCH);
        }
        if (ping.env() != null) {
            v.text("env.nodejs", ping.env().nodejs(), NODEJS).text("env.flowforge", ping.env().flowforge(), FLOWFORGE);
        }
        TelemetryPing.Platform platform = ping.platform();
        if (platform == null) {
            return;
        }
        if (platform.config() != null) {
            v.text("platform.config.driver", platform.config().driver(), DRIVER);
        }
        if (platform.license() != null) {
            v.text("platform.license.id", platform.license().id(), LICENSE_ID)
                    .text("platform.license.type", platform.license().type(), LICENSE_TYPE);
        }
        TelemetryPing.Counts c = platform.counts();
        if (c != null) {
            count(v, "platform.counts.users", c.users());
            count(v, "platform.counts.teams", c.teams());
            count(v, "platform.counts.projects", c.projects());
            count(v, "platform.counts.devices", c.devices());
            count(v, "platform.counts.projectSnapshots", c.projectSnapshots());
            count(v, "platform.counts.projectTemplates", c.projectTemplates());
            count(v, "platform.counts.projectStacks", c.projectStacks());
            count(v, "platform.counts.libraryEntries", c.libraryEntries());
            count(v, "platform.counts.blueprints", c.blueprints());
            count(v, "platform.counts.sharedLibraryEntries", c.sharedLibraryEntries());
            count(v, "platform.counts.teamBrokerClients", c.teamBrokerClients());
            count(v, "platform.counts.remoteBrokers", c.remoteBrokers());
            if (c.projectsByState() != null) {
                count(v, "platform.counts.projectsByState.suspended", c.projectsByState().suspended());
            }
            if (c.devicesByLastSeen() != null) {
                count(v, "platform.counts.devicesByLastSeen.never", c.devicesByLastSeen().never());
                count(v, "platform.counts.devicesByLastSeen.day", c.devicesByLastSeen().day());
            }
        }
    }

    private static void count(Violations v, String field, Long value) {
        if (value != null) {
            v.range(field, value, 0, Integer.MAX_VALUE);
        }
    }
}
