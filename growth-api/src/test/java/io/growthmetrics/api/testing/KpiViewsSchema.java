package io.growthmetrics.api.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Builds kpi-service's real views, from its real migration files, in a schema of growth-api's own, and points the
 * application's reactive client at it: the schema goes in as the connection's search_path startup parameter
 * (quarkus.datasource.reactive.additional-properties), and the SQL uses unqualified names.
 */
public class KpiViewsSchema implements QuarkusTestResourceLifecycleManager {

    /** Surefire runs tests from the module directory. */
    static final Path KPI_MIGRATIONS = Path.of("..", "kpi-service", "src", "main", "resources", "db", "migration");

    @Override
    public Map<String, String> start() {
        if (!Files.isDirectory(KPI_MIGRATIONS)) {
            throw new IllegalStateException("kpi-service migrations not found at " + KPI_MIGRATIONS.toAbsolutePath());
        }
        Flyway flyway = Flyway.configure()
                .dataSource(TestDatabase.JDBC_URL, TestDatabase.USER, TestDatabase.PASSWORD)
                .schemas(TestDatabase.SCHEMA)
                .locations("filesystem:" + KPI_MIGRATIONS.toAbsolutePath().normalize())
                .cleanDisabled(false)
                .load();
        // Clean first: the views always match kpi-service's current migrations, whatever an earlier run left.
        flyway.clean();
        flyway.migrate();
        return Map.of(
                "quarkus.datasource.reactive.url", TestDatabase.REACTIVE_URL,
                "quarkus.datasource.reactive.additional-properties.search_path", TestDatabase.SCHEMA);
    }

    @Override
    public void stop() {
        // The schema stays for inspection after a failed run; the next run cleans it.
    }
}
