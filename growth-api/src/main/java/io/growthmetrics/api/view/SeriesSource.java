package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.DateRange;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * A named daily stock the weekly growth endpoint can aggregate. Adding a series (e.g. {@code mrr}) is one more
 * implementation registered in {@link SeriesCatalog}; the endpoint and the weekly maths stay as they are.
 */
public interface SeriesSource {

    /** The value of the endpoint's {@code series} parameter. */
    String name();

    /** The optional query parameters (of {@link SeriesOptions}) this series takes besides from and to. */
    Set<String> parameters();

    /**
     * Fails with a 400 naming {@code series} when the series does not exist; checked before the other parameters,
     * so an unknown series is reported as such rather than as a parameter it would not take.
     */
    default Uni<Void> requireKnown() {
        return Uni.createFrom().voidItem();
    }

    /** Values by day within the range; a day may be missing, which means zero. */
    Uni<Map<LocalDate, BigDecimal>> dailyValues(DateRange range, SeriesOptions options);
}
