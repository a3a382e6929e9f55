package io.growthmetrics.api.view;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;

/**
 * Every query of the views goes through here: each one is bounded by {@code growth-api.query-timeout}, and a
 * database that refuses, drops the connection, is shutting down or does not answer becomes a
 * {@link DatabaseUnavailableException} (a 503), whatever the view. A failure that is a bug (a SQL error) stays
 * what it is. The pool reconnects by itself, so answers come back once the database does, without a restart.
 */
@ApplicationScoped
public class Database {

    /**
     * SQLSTATE classes that mean "not now" rather than "wrong query": 08 connection exception, 53 insufficient
     * resources, 57 operator intervention (shutdown, cannot connect now, statement cancelled), 58 system error.
     */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57", "58");
    /** undefined_table: kpi-service has not created its views yet, which a later try can find done. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final Pool pool;
    private final Duration timeout;

    public Database(Pool pool, GrowthApiConfig config) {
        this.pool = pool;
        this.timeout = config.queryTimeout();
    }

    public Uni<RowSet<Row>> query(String sql) {
        return guarded(Uni.createFrom().deferred(() -> pool.query(sql).execute()));
    }

    public Uni<RowSet<Row>> query(String sql, Tuple arguments) {
        return guarded(Uni.createFrom().deferred(() -> pool.preparedQuery(sql).execute(arguments)));
    }

    private Uni<RowSet<Row>> guarded(Uni<RowSet<Row>> query) {
        return query
                .ifNoItem().after(timeout).failWith(() -> new DatabaseUnavailableException(
                        "no answer from the database within " + timeout.toMillis() + " ms", null))
                .onFailure(Database::unavailable).transform(failure -> failure instanceof DatabaseUnavailableException
                        ? failure
                        : new DatabaseUnavailableException("database unavailable: " + failure, failure));
    }

    /**
     * A failure from the client that is not the server's verdict on the query (refused, reset, closed, pool
     * timeout) or a server verdict of the classes above.
     */
    static boolean unavailable(Throwable failure) {
        if (failure instanceof DatabaseUnavailableException) {
            return true;
        }
        if (failure instanceof DatabaseException database) {
            String state = database.getSqlState();
            return state != null && (UNAVAILABLE_CLASSES.contains(state.substring(0, Math.min(2, state.length())))
                    || UNDEFINED_TABLE.equals(state));
        }
        // Refused, reset, closed, timed out waiting for a pooled connection: all "not now". Arguments the client
        // could not encode are our bug, not an outage (the views map rows only after this guard, so their bugs
        // never get here).
        return !(failure instanceof IllegalArgumentException || failure instanceof ClassCastException
                || failure instanceof NullPointerException || failure instanceof IllegalStateException);
    }
}
