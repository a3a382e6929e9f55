package io.growthmetrics.api.view;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while PostgreSQL answers a query within {@code growth-api.query-timeout}: the same bound, and the same
 * pool, as the API's own queries, so readiness goes down when the API would answer 503 and comes back with it.
 * (It replaces the extension's built-in check, which waits 20 s for a database that hangs.)
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "PostgreSQL (kpi-service views)";

    private final Database database;

    public DatabaseReadiness(Database database) {
        this.database = database;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return database.query("SELECT 1")
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", failure instanceof DatabaseUnavailableException
                                ? failure.getMessage() : failure.getClass().getSimpleName())
                        .build());
    }
}
