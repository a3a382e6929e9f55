package io.growthmetrics.api.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which failures of a query are an outage (503) and which are a bug (500). */
class DatabaseTest {

    private static PgException pg(String message, String sqlState) {
        return new PgException(message, "FATAL", sqlState, null);
    }

    @Test
    void refusedResetClosedAndTimedOutAreOutages() {
        assertTrue(Database.unavailable(new ConnectException("Connection refused")));
        assertTrue(Database.unavailable(ClosedConnectionException.INSTANCE));
        assertTrue(Database.unavailable(new java.io.IOException("Connection reset by peer")));
        assertTrue(Database.unavailable(new io.vertx.core.VertxException("Timeout", true)));
        assertTrue(Database.unavailable(new DatabaseUnavailableException("no answer", null)));
    }

    @Test
    void serverStatesOfConnectionShutdownAndResourcesAreOutages() {
        assertTrue(Database.unavailable(pg("terminating connection due to administrator command", "57P01")));
        assertTrue(Database.unavailable(pg("the database system is starting up", "57P03")));
        assertTrue(Database.unavailable(pg("connection failure", "08006")));
        assertTrue(Database.unavailable(pg("too many connections", "53300")));
        assertTrue(Database.unavailable(pg("relation \"read_mrr_daily\" does not exist", "42P01")));
    }

    @Test
    void wrongQueriesAndOurOwnBugsAreNot() {
        assertFalse(Database.unavailable(pg("syntax error", "42601")));
        assertFalse(Database.unavailable(pg("invalid input syntax", "22P02")));
        assertFalse(Database.unavailable(new IllegalArgumentException("cannot encode")));
        assertFalse(Database.unavailable(new NullPointerException()));
    }
}
