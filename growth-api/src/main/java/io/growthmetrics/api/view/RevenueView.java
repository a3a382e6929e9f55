package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.CarrContract;
import io.growthmetrics.api.domain.CarrGoal;
import io.growthmetrics.api.domain.CurrencyCode;
import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.MrrMovement;
import io.growthmetrics.api.domain.ProductMrrRow;
import io.growthmetrics.api.domain.Quarter;
import io.growthmetrics.api.domain.RevenueProduct;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Read-only access to the revenue views kpi-service publishes (read_revenue_products, read_mrr_daily,
 * read_mrr_movements, read_carr_contracts, read_carr_goals). Money comes back exact, as stored; rounding to whole
 * cents is the domain's job. Currencies are matched exactly: the views store them in lower case (Stripe's
 * spelling, as V2__revenue.sql states), and {@link CurrencyCode} is lower case, so the
 * (currency, day) indexes stay usable.
 */
@ApplicationScoped
public class RevenueView {

    private final Database database;

    public RevenueView(Database database) {
        this.database = database;
    }

    /** The configured self-service catalog. */
    public Uni<List<RevenueProduct>> products() {
        return database.query("SELECT product_id, name FROM read_revenue_products")
                .map(rows -> list(rows, row -> new RevenueProduct(row.getString("product_id"), row.getString("name"))));
    }

    /** The products with MRR on {@code day} in {@code currency}; a product without a row had none. */
    public Uni<List<ProductMrrRow>> productMrr(LocalDate day, CurrencyCode currency) {
        return database.query("""
                        SELECT product_id, mrr_cents, subscriptions
                        FROM read_mrr_daily
                        WHERE day = $1 AND currency = $2""", Tuple.of(day, currency.code()))
                .map(rows -> list(rows, row -> new ProductMrrRow(row.getString("product_id"),
                        row.getBigDecimal("mrr_cents"), row.getInteger("subscriptions"))));
    }

    /** The exact total MRR per day that has rows in the range; days without rows are absent. */
    public Uni<Map<LocalDate, BigDecimal>> dailyTotals(DateRange range, CurrencyCode currency) {
        return database.query("""
                        SELECT day, sum(mrr_cents) AS total_cents
                        FROM read_mrr_daily
                        WHERE currency = $1 AND day BETWEEN $2 AND $3
                        GROUP BY day""", Tuple.of(currency.code(), range.from(), range.to()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).collect(Collectors.toMap(
                        row -> row.getLocalDate("day"), row -> row.getBigDecimal("total_cents"))));
    }

    /** Movements in the range, by day, then customer id in binary (code point) order whatever the collation. */
    public Uni<List<MrrMovement>> movements(DateRange range, CurrencyCode currency) {
        return database.query("""
                        SELECT day, customer_id, type, delta_cents
                        FROM read_mrr_movements
                        WHERE currency = $1 AND day BETWEEN $2 AND $3
                        ORDER BY day, customer_id COLLATE "C", type COLLATE "C"
                        """, Tuple.of(currency.code(), range.from(), range.to()))
                .map(rows -> list(rows, row -> MrrMovement.of(row.getLocalDate("day"), row.getString("customer_id"),
                        row.getString("type"), row.getBigDecimal("delta_cents"))));
    }

    /**
     * The contracts in {@code currency} signed or expected to close within the quarter: a superset of what CARR
     * counts (a pipeline contract with a signed date in the quarter is here too); the domain applies the rules.
     */
    public Uni<List<CarrContract>> carrContracts(Quarter quarter, CurrencyCode currency) {
        return database.query("""
                        SELECT contract_id, annual_value_cents, status, signed_date, expected_close_date
                        FROM read_carr_contracts
                        WHERE currency = $1
                          AND (signed_date BETWEEN $2 AND $3 OR expected_close_date BETWEEN $2 AND $3)""", Tuple.of(currency.code(), quarter.firstDay(), quarter.lastDay()))
                .map(rows -> list(rows, row -> new CarrContract(row.getString("contract_id"),
                        row.getLong("annual_value_cents"), row.getString("status"),
                        row.getLocalDate("signed_date"), row.getLocalDate("expected_close_date"))));
    }

    /** The quarter's goal in whatever currency it was set, if one was set. */
    public Uni<Optional<CarrGoal>> carrGoal(Quarter quarter) {
        return database.query("SELECT currency, goal_cents FROM read_carr_goals WHERE quarter = $1", Tuple.of(quarter.label()))
                .map(rows -> list(rows, row -> new CarrGoal(row.getString("currency"), row.getLong("goal_cents")))
                        .stream().findFirst());
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        return StreamSupport.stream(rows.spliterator(), false).map(mapper).toList();
    }
}
