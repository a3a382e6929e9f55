package io.growthmetrics.support;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The token presented in {@code Authorization: Bearer <token>}. */
public final class AdminTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public AdminTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "AdminTokenRequest[token hidden]";
    }
}
