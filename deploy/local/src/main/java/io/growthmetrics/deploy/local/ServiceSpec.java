package io.growthmetrics.deploy.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the system's services: its Maven module (the folder name) and its default HTTP port.
 */
public record ServiceSpec(String name, int basePort) {

    public static final ServiceSpec GROWTH_API = new ServiceSpec("growth-api", 8080);
    public static final ServiceSpec TELEMETRY_INGEST = new ServiceSpec("telemetry-ingest", 8081);
    public static final ServiceSpec SNAPSHOT_COLLECTOR = new ServiceSpec("snapshot-collector", 8082);
    public static final ServiceSpec REVENUE_SERVICE = new ServiceSpec("revenue-service", 8083);
    public static final ServiceSpec KPI_SERVICE = new ServiceSpec("kpi-service", 8084);

    /** All services, by port. */
    public static final List<ServiceSpec> ALL =
            List.of(GROWTH_API, TELEMETRY_INGEST, SNAPSHOT_COLLECTOR, REVENUE_SERVICE, KPI_SERVICE);

    /** kpi-service first: it runs the database migrations growth-api reads from. */
    public static final List<ServiceSpec> FIRST = List.of(KPI_SERVICE);
    public static final List<ServiceSpec> THEN = List.of(TELEMETRY_INGEST, SNAPSHOT_COLLECTOR, REVENUE_SERVICE, GROWTH_API);

    public static final int KAFKA_BASE_PORT = 9092;

    public int port(int offset) {
        return basePort + offset;
    }

    public Path moduleDir(Path repo) {
        return repo.resolve(name);
    }

    public Path runJar(Path repo) {
        return moduleDir(repo).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String baseUrl(int offset) {
        return "http://127.0.0.1:" + port(offset);
    }

    /** The URL through {@code host} (as {@link #clientHost} gives it). */
    public String baseUrl(String host, int offset) {
        return "http://" + host + ":" + port(offset);
    }

    /**
     * Where this machine reaches a service listening on {@code bindHost}: 127.0.0.1 for loopback and for every
     * interface (0.0.0.0, ::), else that address (an IPv6 literal in brackets).
     */
    public static String clientHost(String bindHost) {
        String h = bindHost.trim();
        if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.equals("*")
                || h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")) {
            return "127.0.0.1";
        }
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }
}
