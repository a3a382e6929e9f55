package io.growthmetrics.api.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/**
 * The machine's PostgreSQL, database {@code test}, but only the schema {@link #SCHEMA}: kpi-service's tests own
 * {@code public} of the same database, so nothing here touches it.
 */
public final class TestDatabase {

    public static final String SCHEMA = "growth_api_test";
    static final String HOST = env("DB_HOST", "127.0.0.1");
    static final String PORT = env("DB_PORT", "5432");
    static final String USER = env("DB_USER", "postgres");
    static final String PASSWORD = env("DB_PASSWORD", "postgres");
    static final String DATABASE = env("TEST_DB_NAME", "test");
    static final String JDBC_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE + "?currentSchema=" + SCHEMA;
    static final String REACTIVE_URL = "postgresql://" + HOST + ":" + PORT + "/" + DATABASE;

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(JDBC_URL, USER, PASSWORD);
    }

    /** Every REST test starts from empty tables, so rows from another test cannot leak into its assertions. */
    public static void clearInstallations() {
        execute("TRUNCATE installations_daily, installations_breakdown_daily");
    }

    public static void insertDaily(LocalDate day, boolean includeDev, int installations, long hosted, long remote,
            int added, int removed) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO installations_daily (day, include_dev, installations, hosted_instances, remote_instances, added, removed)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, day);
            s.setBoolean(2, includeDev);
            s.setInt(3, installations);
            s.setLong(4, hosted);
            s.setLong(5, remote);
            s.setInt(6, added);
            s.setInt(7, removed);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stock-only day: hosted and remote derived from installations so each column is distinguishable. */
    public static void insertInstallations(LocalDate day, boolean includeDev, int installations) {
        insertDaily(day, includeDev, installations, installations * 10L, installations * 100L, 0, 0);
    }

    public static void insertBreakdown(LocalDate day, boolean includeDev, String dimension, String value,
            int installations, long hosted, long remote) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO installations_breakdown_daily (day, include_dev, dimension, value, installations, hosted_instances, remote_instances)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, day);
            s.setBoolean(2, includeDev);
            s.setString(3, dimension);
            s.setString(4, value);
            s.setInt(5, installations);
            s.setLong(6, hosted);
            s.setLong(7, remote);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The revenue tables (V2__revenue.sql) behind the read_* revenue views. */
    public static void clearRevenue() {
        execute("TRUNCATE revenue_product, mrr_daily, mrr_movement, carr_contract, carr_goal");
    }

    public static void insertProduct(String productId, String name) {
        update("INSERT INTO revenue_product (product_id, name) VALUES (?, ?)", productId, name);
    }

    /** {@code exactCents} as a decimal string, e.g. "1234.5", stored exactly. */
    public static void insertMrr(LocalDate day, String currency, String productId, String exactCents, int subscriptions) {
        update("INSERT INTO mrr_daily (day, currency, product_id, mrr_cents, subscriptions) VALUES (?, ?, ?, ?, ?)",
                day, currency, productId, new java.math.BigDecimal(exactCents), subscriptions);
    }

    public static void insertMovement(LocalDate day, String currency, String customerId, String type, String exactDeltaCents) {
        update("INSERT INTO mrr_movement (day, currency, customer_id, type, delta_cents) VALUES (?, ?, ?, ?, ?)",
                day, currency, customerId, type, new java.math.BigDecimal(exactDeltaCents));
    }

    /** Dates may be null. The bookkeeping columns (customer, start date, updated_at, event id) get fixed values. */
    public static void insertContract(String contractId, long annualValueCents, String currency, String status,
            LocalDate signedDate, LocalDate expectedCloseDate) {
        update("INSERT INTO carr_contract (contract_id, customer, annual_value_cents, currency, status, signed_date,"
                        + " expected_close_date, start_date, updated_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, now(), ?)",
                contractId, "Customer of " + contractId, annualValueCents, currency, status, signedDate, expectedCloseDate,
                "evt-" + contractId);
    }

    public static void insertGoal(String quarter, String currency, long goalCents) {
        update("INSERT INTO carr_goal (quarter, currency, goal_cents, updated_at, event_id) VALUES (?, ?, ?, now(), ?)",
                quarter, currency, goalCents, "evt-goal-" + quarter);
    }

    /** The snapshot tables (V3__snapshots.sql) behind read_snapshot_days and read_snapshot_metrics. */
    public static void clearSnapshots() {
        execute("TRUNCATE snapshot_day, snapshot_metric");
    }

    /** A day's snapshot: {@code failuresJson} such as "[]" and its metrics as name, value, name, value… (values exact decimals). */
    public static void insertSnapshot(LocalDate day, String failuresJson, String... metrics) {
        update("INSERT INTO snapshot_day (day, failures, updated_at) VALUES (?, ?::jsonb, now())", day, failuresJson);
        for (int i = 0; i < metrics.length; i += 2) {
            update("INSERT INTO snapshot_metric (day, name, value) VALUES (?, ?, ?)",
                    day, metrics[i], new java.math.BigDecimal(metrics[i + 1]));
        }
    }

    private static void update(String sql, Object... values) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    s.setNull(i + 1, Types.DATE); // only dates are ever null here
                } else {
                    s.setObject(i + 1, values[i]);
                }
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements as they are (test data of the KPI tables). */
    public static void executeAll(String... statements) {
        for (String sql : statements) {
            execute(sql);
        }
    }

    private static void execute(String sql) {
        try (Connection c = connect(); var s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
