package io.growthmetrics.kpi.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Points kpi-service's reactive datasource (what the consumers and refreshers use) at PostgreSQL through a
 * {@link TcpProxy} the test can break; Flyway and the test's own JDBC checks go straight to the database. Short store
 * and refresh timeouts and back-off so an outage test does not wait longer than it must.
 */
public class ProxiedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            proxy = new TcpProxy(5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String db = System.getenv().getOrDefault("TEST_DB_NAME", "test");
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + db,
                "kpi.store-timeout", "3s",
                // as short as a store attempt: a refresh caught in a hang gives up (and is tried again) after 3 s, and the
                // refresh pacing that follows it (3 × its duration) stays short
                "kpi.refresh-timeout", "3s",
                "kpi.retry.max-backoff", "2s",
                "kpi.consumer-stuck-after", "30s");
    }

    @Override
    public void stop() {
        if (proxy != null) {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    public static TcpProxy proxy() {
        return proxy;
    }
}
