package io.growthmetrics.ingest.rest;

import io.growthmetrics.support.ErrorReplyShape;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/** Authentication refusals in the original collector's shape: {@code {"status":"error","error":"…"}}. */
@ApplicationScoped
public class CollectorErrorShape implements ErrorReplyShape {

    @Override
    public ErrorReply reply(int status, String title, String detail) {
        return new ErrorReply("application/json", new JsonObject().put("status", "error").put("error", detail).encode());
    }
}
