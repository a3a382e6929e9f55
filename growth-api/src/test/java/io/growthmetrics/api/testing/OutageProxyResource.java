package io.growthmetrics.api.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * kpi-service's views in growth-api's test schema (as {@link KpiViewsSchema}), but the application reaches
 * PostgreSQL through a {@link FaultyTcpProxy} the test can make refuse or hang. The test's own fixture
 * connections ({@link TestDatabase}) go straight to PostgreSQL. The query timeout is 2 s to keep the test short.
 */
public class OutageProxyResource extends KpiViewsSchema {

    public static final String QUERY_TIMEOUT = "2S";
    private static FaultyTcpProxy proxy;

    public static FaultyTcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        proxy = FaultyTcpProxy.to(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT));
        config.put("quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + proxy.port() + "/" + TestDatabase.DATABASE);
        config.put("growth-api.query-timeout", QUERY_TIMEOUT);
        return config;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        super.stop();
    }
}
