package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.DailyInstallations;
import io.growthmetrics.api.domain.MetricName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The series the weekly growth endpoint knows, by name. Later series register here. The parameterised family
 * {@code snapshot:{metric}} is resolved in {@link #find} by prefix before the exact-name lookup; whether the metric
 * exists is only known once the series reads its values.
 */
@ApplicationScoped
public class SeriesCatalog {

    private final Map<String, SeriesSource> byName = new LinkedHashMap<>();

    /** How the snapshot family is shown in the list of valid series. */
    public static final String SNAPSHOT_FAMILY = SnapshotSeries.PREFIX + "<metric name>";

    private final SnapshotMetrics snapshots;

    public SeriesCatalog(InstallationsView installations, RevenueView revenue, SnapshotMetrics snapshots) {
        this.snapshots = snapshots;
        register(new InstallationsSeries("installations", installations, DailyInstallations::installations));
        register(new InstallationsSeries("hostedInstances", installations, DailyInstallations::hostedInstances));
        register(new InstallationsSeries("remoteInstances", installations, DailyInstallations::remoteInstances));
        register(new MrrSeries(revenue));
    }

    private void register(SeriesSource source) {
        if (byName.putIfAbsent(source.name(), source) != null) {
            throw new IllegalStateException("two series named " + source.name());
        }
    }

    /**
     * The series called {@code name}: a {@code snapshot:} name gives that metric's series (a malformed metric name
     * is a 400 naming {@code series}), anything else must be a registered name.
     */
    public Optional<SeriesSource> find(String name) {
        if (name.startsWith(SnapshotSeries.PREFIX)) {
            String metric = MetricName.check("series", name.substring(SnapshotSeries.PREFIX.length()));
            return Optional.of(new SnapshotSeries(metric, snapshots));
        }
        return Optional.ofNullable(byName.get(name));
    }

    /** The registered (fixed) names in registration order, for error messages and the API description. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** {@link #names()} followed by the parameterised families, for error messages. */
    public List<String> described() {
        List<String> described = new java.util.ArrayList<>(names());
        described.add(SNAPSHOT_FAMILY);
        return described;
    }
}
