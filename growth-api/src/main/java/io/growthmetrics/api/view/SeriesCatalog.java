package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.DailyInstallations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The series the weekly growth endpoint knows, by name. Later series register here; a parameterised family such
 * as {@code snapshot:{name}} can be resolved in {@link #find} by prefix before the exact-name lookup.
 */
@ApplicationScoped
public class SeriesCatalog {

    private final Map<String, SeriesSource> byName = new LinkedHashMap<>();

    public SeriesCatalog(InstallationsView installations, RevenueView revenue) {
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

    public Optional<SeriesSource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** In registration order, for error messages and the API description. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
