package io.growthmetrics.kpi.messaging;

import io.vertx.sqlclient.DatabaseException;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells a store failure caused by the data (the same records would fail again, whatever the database's state) from
 * one caused by the moment (the database away, hung, restarting, overloaded). Data failures: SQLState class 22 (data
 * exception: 22P05 NUL or untranslatable character, 22001 too long, 22003 out of range, 22007/22008 bad date, …) and
 * class 23 (integrity constraint, e.g. 23502 a NOT NULL column left empty), and the exceptions our own mapping throws
 * for a value it cannot convert. Everything else (connection refused or reset, timeouts, 57P01 shutdown, 08xxx, a full
 * pool, a failed dead-letter send) is transient: retried for ever, never dead-lettered.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    /** Why the data was refused, if it was; null when the failure is transient. */
    static String dataProblem(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String state = sqlState(t);
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return "the database refused the record (SQLState " + state + "): " + RecordChecks.firstLine(message(t));
            }
            if (t instanceof IllegalArgumentException || t instanceof DateTimeException || t instanceof ArithmeticException
                    || t instanceof ClassCastException || t instanceof org.hibernate.PropertyValueException) {
                return "the record could not be mapped to the database: " + t.getClass().getSimpleName() + ": "
                        + RecordChecks.firstLine(message(t));
            }
        }
        return null;
    }

    private static String sqlState(Throwable t) {
        if (t instanceof DatabaseException db) {
            return db.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof org.hibernate.JDBCException jdbc) {
            return jdbc.getSQLState();
        }
        return null;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }
}
