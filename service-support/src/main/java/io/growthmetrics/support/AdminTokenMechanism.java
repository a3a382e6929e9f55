package io.growthmetrics.support;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * {@code Authorization: Bearer <METRICS_ADMIN_TOKEN>}, judged for every request before anything else
 * (proactive authentication), so a protected endpoint refuses a stranger whatever the body, content type or path.
 *
 * <p>A missing or wrong token leaves the caller anonymous (the open endpoints, such as the ping, stay open
 * whatever headers arrive); the path permissions ({@code quarkus.http.auth.permission.*}) and
 * {@code @RolesAllowed("admin")} then refuse the anonymous caller, and {@link #sendChallenge} says why ({@link AuthenticationReplies}).
 */
@ApplicationScoped
public class AdminTokenMechanism implements HttpAuthenticationMechanism {

    /** Routing-context key: set when a bearer token was presented and did not match. */
    static final String INVALID_TOKEN = AdminTokenMechanism.class.getName() + ".invalid";
    private static final String BEARER = "bearer";

    private final AuthenticationReplies replies;

    public AdminTokenMechanism(AuthenticationReplies replies) {
        this.replies = replies;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new AdminTokenRequest(token))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
                    context.put(INVALID_TOKEN, Boolean.TRUE);
                    return null;
                });
    }

    /** The token of an {@code Authorization: Bearer …} header, or null when there is none. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() < BEARER.length() + 1
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.charAt(BEARER.length()) != ' ') {
            return null;
        }
        String token = authorization.substring(BEARER.length() + 1).trim();
        return token.isEmpty() ? null : token;
    }

    /** The whole refusal: status, {@code WWW-Authenticate: Bearer} and a body in the service's error shape. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(() -> replies.send(context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(replies.challenge());
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AdminTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, BEARER));
    }
}
