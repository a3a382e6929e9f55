package io.growthmetrics.support;

import io.quarkus.arc.DefaultBean;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code {"error":"…"}} as {@code application/json}, unless the service provides its own {@link ErrorReplyShape}. */
@DefaultBean
@ApplicationScoped
public class DefaultErrorReplyShape implements ErrorReplyShape {

    @Override
    public ErrorReply reply(int status, String title, String detail) {
        return new ErrorReply("application/json", new JsonObject().put("error", detail).encode());
    }
}
