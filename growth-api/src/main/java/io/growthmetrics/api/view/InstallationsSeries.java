package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.DailyInstallations;
import io.growthmetrics.api.domain.DateRange;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** One stock column of read_installations_daily, exposed as a series. */
final class InstallationsSeries implements SeriesSource {

    private final String name;
    private final InstallationsView view;
    private final ToLongFunction<DailyInstallations> column;

    InstallationsSeries(String name, InstallationsView view, ToLongFunction<DailyInstallations> column) {
        this.name = name;
        this.view = view;
        this.column = column;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> parameters() {
        return Set.of(SeriesOptions.INCLUDE_DEV);
    }

    @Override
    public Uni<Map<LocalDate, BigDecimal>> dailyValues(DateRange range, SeriesOptions options) {
        return view.daily(range, options.includeDev()).map(rows -> rows.stream().collect(
                Collectors.toMap(DailyInstallations::date, row -> BigDecimal.valueOf(column.applyAsLong(row)))));
    }
}
