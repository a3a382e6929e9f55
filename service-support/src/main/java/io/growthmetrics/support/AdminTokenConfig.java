package io.growthmetrics.support;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The one admin bearer token of every service: {@code metrics.admin.token} (env {@code METRICS_ADMIN_TOKEN}). */
@ConfigMapping(prefix = "metrics.admin")
public interface AdminTokenConfig {

    /** Unset or blank: the protected endpoints answer 503 (admin token not configured). */
    Optional<String> token();

    /** The token when one is configured (not blank). */
    default Optional<String> configured() {
        return token().filter(t -> !t.isBlank());
    }
}
