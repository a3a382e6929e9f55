package io.growthmetrics.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Proves the reactive client's search_path startup parameter works, so tests never read kpi-service's public schema. */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class SchemaIsolationTest {

    @Inject
    Pool pool;

    @Test
    void theApplicationsConnectionsUseTheTestSchema() {
        Row row = pool.query("""
                        SELECT current_setting('search_path') AS search_path,
                               (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE c.oid = 'read_installations_daily'::regclass) AS view_schema""")
                .execute().await().indefinitely().iterator().next();

        assertEquals(TestDatabase.SCHEMA, row.getString("search_path"));
        assertEquals(TestDatabase.SCHEMA, row.getString("view_schema"));
    }
}
