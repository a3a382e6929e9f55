package io.growthmetrics.snapshot.rest;

import io.growthmetrics.support.ProblemReplies;
import io.growthmetrics.support.ProblemJsonErrorShape;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authentication refusals (written by service-support before any endpoint runs) as problem+json, like
 * {@link ProblemReplies}.
 */
@ApplicationScoped
public class ProblemErrorShape extends ProblemJsonErrorShape {
}
