package io.growthmetrics.snapshot.rest;

import io.growthmetrics.snapshot.config.SnapshotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the {@code Authorization: Bearer <METRICS_ADMIN_TOKEN>} of the admin and feature-metrics requests. */
@ApplicationScoped
public class AdminToken {

    private final SnapshotConfig config;

    public AdminToken(SnapshotConfig config) {
        this.config = config;
    }

    /** Empty when the request may go on; otherwise the reply that refuses it. */
    public Optional<Response> refusal(String authorization) {
        Optional<String> expected = config.adminToken().filter(t -> !t.isBlank());
        if (expected.isEmpty()) {
            return Optional.of(Replies.error(503, "This endpoint is disabled: set METRICS_ADMIN_TOKEN"));
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (presented == null) {
            return Optional.of(unauthorized("Missing 'Authorization: Bearer <token>' header"));
        }
        // Constant-time comparison: no timing hint about how much of a guess was right.
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.get().trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(unauthorized("Invalid admin token"));
        }
        return Optional.empty();
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(Replies.error(401, message)).header("WWW-Authenticate", "Bearer").build();
    }
}
