package io.growthmetrics.support;

import io.vertx.core.json.JsonObject;

/**
 * RFC 9457 problem details ({@code application/problem+json}: type, title, status, detail) for a service whose
 * JSON API answers errors that way. Not a bean by itself: such a service declares one, e.g.
 * {@code @ApplicationScoped class Problems extends ProblemJsonErrorShape {}}.
 */
public class ProblemJsonErrorShape implements ErrorReplyShape {

    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public ErrorReply reply(int status, String title, String detail) {
        return new ErrorReply(PROBLEM_JSON, new JsonObject().put("type", "about:blank").put("title", title)
                .put("status", status).put("detail", detail).encode());
    }
}
