package io.growthmetrics.kpi.view;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboards' role (V5__read_only_role.sql) reads every read_* view and nothing else. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ReadOnlyRoleTest {

    @Inject
    AgroalDataSource db;

    @Test
    void growthReaderReadsTheViewsOnly() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            List<String> views = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT viewname FROM pg_views WHERE schemaname = current_schema() "
                    + "AND viewname LIKE 'read\\_%' ORDER BY 1")) {
                while (r.next()) {
                    views.add(r.getString(1));
                }
            }
            assertTrue(views.size() >= 12, views.toString());
            c.setAutoCommit(false);
            try {
                s.execute("SET LOCAL ROLE growth_reader");
                for (String view : views) {
                    s.executeQuery("SELECT count(*) FROM " + view).close();
                }
                SQLException refused = assertThrows(SQLException.class,
                        () -> s.executeQuery("SELECT count(*) FROM installation_ping").close());
                assertEquals("42501", refused.getSQLState(), "permission denied: " + refused.getMessage());
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
