package io.growthmetrics.support;

import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The replies to callers the admin paths refuse, written by {@link AdminTokenMechanism#sendChallenge} when the
 * path permissions deny an anonymous caller, before any endpoint, body reader or media-type check runs:
 * {@code 401} with {@code WWW-Authenticate: Bearer} for a missing or wrong token, {@code 503} when the service has
 * no admin token configured (nobody can be admitted). Bodies in the service's {@link ErrorReplyShape}.
 */
@ApplicationScoped
public class AuthenticationReplies {

    static final String NOT_CONFIGURED = "The admin token is not configured on this service: set METRICS_ADMIN_TOKEN "
            + "(config metrics.admin.token) to use this endpoint";
    static final String MISSING = "Missing 'Authorization: Bearer <METRICS_ADMIN_TOKEN>' header";
    static final String INVALID = "Invalid admin token";

    private final AdminTokenConfig config;
    private final ErrorReplyShape shape;

    public AuthenticationReplies(AdminTokenConfig config, ErrorReplyShape shape) {
        this.config = config;
        this.shape = shape;
    }

    /** Writes the refusal of an anonymous caller on a protected path; true once written. */
    boolean send(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.headWritten() || response.ended()) {
            return false;
        }
        if (config.configured().isEmpty()) {
            write(response, 503, "Service Unavailable", NOT_CONFIGURED);
            return true;
        }
        response.putHeader("WWW-Authenticate", "Bearer");
        boolean presented = context.get(AdminTokenMechanism.INVALID_TOKEN) != null
                || AdminTokenMechanism.bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION)) != null;
        write(response, 401, "Unauthorized", presented ? INVALID : MISSING);
        return true;
    }

    /** Status and header only, for callers that write the body themselves. */
    ChallengeData challenge() {
        return config.configured().isEmpty() ? new ChallengeData(503, null, null)
                : new ChallengeData(401, "WWW-Authenticate", "Bearer");
    }

    private void write(HttpServerResponse response, int status, String title, String detail) {
        ErrorReplyShape.ErrorReply reply = shape.reply(status, title, detail);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, reply.mediaType())
                .end(reply.body());
    }
}
