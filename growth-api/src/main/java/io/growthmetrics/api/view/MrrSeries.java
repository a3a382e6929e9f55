package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.DailyMrr;
import io.growthmetrics.api.domain.DateRange;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Total self-service MRR in one currency, in whole cents: the same figure per day as /api/v1/revenue/mrr/daily,
 * so a week's value is the MRR on its closing day, as shown there.
 */
final class MrrSeries implements SeriesSource {

    private final RevenueView view;

    MrrSeries(RevenueView view) {
        this.view = view;
    }

    @Override
    public String name() {
        return "mrr";
    }

    @Override
    public Set<String> parameters() {
        return Set.of(SeriesOptions.CURRENCY);
    }

    @Override
    public Uni<Map<LocalDate, BigDecimal>> dailyValues(DateRange range, SeriesOptions options) {
        return view.dailyTotals(range, options.currency()).map(totals -> DailyMrr.gapFilled(range, totals).stream()
                .collect(Collectors.toMap(DailyMrr::date, day -> BigDecimal.valueOf(day.totalCents()))));
    }
}
