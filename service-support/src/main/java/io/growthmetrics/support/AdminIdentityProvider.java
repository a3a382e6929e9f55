package io.growthmetrics.support;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Turns a presented admin token into the identity {@code admin} with role {@value #ROLE}, or fails. */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<AdminTokenRequest> {

    /** The role of the holder of {@code METRICS_ADMIN_TOKEN}; endpoints say {@code @RolesAllowed("admin")}. */
    public static final String ROLE = "admin";

    private final AdminTokenConfig config;

    public AdminIdentityProvider(AdminTokenConfig config) {
        this.config = config;
    }

    @Override
    public Class<AdminTokenRequest> getRequestType() {
        return AdminTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(AdminTokenRequest request, AuthenticationRequestContext context) {
        Optional<String> expected = config.configured();
        if (expected.isEmpty() || !TokenComparison.matches(request.token(), expected.get())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Invalid admin token"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("admin"))
                .addRole(ROLE)
                .build());
    }
}
