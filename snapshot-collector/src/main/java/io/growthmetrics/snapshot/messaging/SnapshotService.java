package io.growthmetrics.snapshot.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.rules.DailySnapshotRules;
import io.growthmetrics.contracts.rules.FeatureMetricRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import io.growthmetrics.snapshot.config.SnapshotConfig;
import io.growthmetrics.snapshot.domain.AdminStats;
import io.growthmetrics.snapshot.domain.FeatureMetrics;
import io.growthmetrics.snapshot.domain.MetricHistory;
import io.growthmetrics.snapshot.platform.PlatformStatsClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the platform's admin stats (when configured) and takes, then publishes, the snapshot of a day. The daily
 * run closes yesterday: the platform's stats are dated the end of that day (D 23:59:59.999Z), so the state at the
 * moment the day is closed is D's closing value.
 */
@ApplicationScoped
public class SnapshotService {

    /** The snapshot could not be taken or published now; the caller may retry. */
    public static class UnavailableException extends Exception {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /** The snapshot breaks {@link DailySnapshotRules}: it is not published (kpi-service could not store it). */
    public static class InvalidSnapshotException extends Exception {
        private final List<String> fields;

        public InvalidSnapshotException(Violations violations) {
            super(violations.summary());
            this.fields = violations.fields();
        }

        public List<String> fields() {
            return fields;
        }
    }

    public static final String PLATFORM_SOURCE = "platform";
    private static final Logger LOG = Logger.getLogger(SnapshotService.class);

    private final SnapshotConfig config;
    private final MetricHistory history;
    private final HistoryConsumer consumer;
    private final MetricPublisher publisher;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Optional<PlatformStatsClient> platform;
    /** Per day, what could not be collected (kept in memory: a restart forgets it). */
    private final Map<LocalDate, List<DailySnapshot.Failure>> failures = new ConcurrentHashMap<>();

    public SnapshotService(SnapshotConfig config, MetricHistory history, HistoryConsumer consumer,
            MetricPublisher publisher, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.history = history;
        this.consumer = consumer;
        this.publisher = publisher;
        this.registry = registry;
        this.clock = clock;
        SnapshotConfig.Platform p = config.platform();
        this.platform = p.url().filter(u -> !u.isBlank()).map(url -> new PlatformStatsClient(url,
                p.token().orElse(""), p.connectTimeout(), p.requestTimeout(), p.attempts(), p.backoff()));
    }

    void onStart(@Observes StartupEvent event) {
        if (platform.isEmpty()) {
            LOG.info("Built-in platform collector is OFF: SNAPSHOT_PLATFORM_URL is not set; snapshots hold only what is "
                    + "published to " + Topics.FEATURE_ADOPTION_METRICS_V1);
        } else {
            LOG.infof("Built-in platform collector is ON: %s, daily at cron '%s' (UTC)%s", platform.get().statsUri(),
                    config.schedule().cron(),
                    config.platform().token().filter(t -> !t.isBlank()).isEmpty() ? ", WITHOUT a token" : "");
        }
    }

    /** An error message as a snapshot can carry it: no NUL or unpaired surrogate, not too long. */
    static String storable(String error) {
        String clean = error == null ? "unknown error"
                : error.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
        int max = DailySnapshotRules.FAILURE_ERROR;
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    public boolean platformEnabled() {
        return platform.isPresent();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    @Scheduled(identity = "daily-snapshot", cron = "{snapshot.schedule.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        LocalDate yesterday = today().minusDays(1);
        try {
            DailySnapshot snapshot = closeDay(yesterday);
            LOG.infof("Snapshot of %s published: %d metrics, %d failures", yesterday, snapshot.metrics().size(),
                    snapshot.failures().size());
        } catch (UnavailableException e) {
            registry.counter("snapshot.snapshots.failures").increment();
            LOG.errorf("Snapshot of %s NOT published: %s (retry with POST /admin/snapshots/%s?collect=true)",
                    yesterday, e.getMessage(), yesterday);
        } catch (InvalidSnapshotException e) {
            registry.counter("snapshot.snapshots.failures").increment();
        }
    }

    /** The daily run for a day: the platform's stats dated the end of the day, then the day's snapshot. */
    public DailySnapshot closeDay(LocalDate day) throws UnavailableException, InvalidSnapshotException {
        collectPlatform(day, MetricHistory.endOfDay(day));
        return takeAndPublish(day);
    }

    /**
     * Reads the platform's admin stats and publishes each number as an observation at {@code observedAt}; a failure
     * is remembered for the day (and goes into its snapshot), a success clears it. Off without a platform URL.
     */
    public void collectPlatform(LocalDate day, Instant observedAt) {
        if (platform.isEmpty()) {
            return;
        }
        String error;
        try {
            JsonNode stats = platform.get().fetch();
            Map<String, BigDecimal> values = AdminStats.flatten(stats);
            List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
            Instant now = clock.instant();
            values.forEach((name, value) -> {
                Optional<String> problem = FeatureMetrics.nameProblem(name);
                if (problem.isPresent()) {
                    LOG.warnf("Platform stat skipped: %s", problem.get());
                    return;
                }
                FeatureMetric observation = new FeatureMetric(name, value, observedAt, PLATFORM_SOURCE, Map.of());
                Violations violations = FeatureMetricRules.check(observation, now);
                if (!violations.isEmpty()) {
                    LOG.warnf("Platform stat %s skipped: %s", name, violations.summary());
                    return;
                }
                sent.add(publisher.publish(Topics.FEATURE_ADOPTION_METRICS_V1, name, observation));
            });
            publisher.awaitAll(sent);
            failures.remove(day);
            LOG.infof("Platform stats for %s: %d metrics published", day, sent.size());
            return;
        } catch (PlatformStatsClient.PlatformException e) {
            error = e.getMessage();
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        } catch (MetricPublisher.UnavailableException e) {
            error = "stats read but not stored: " + e.getMessage();
        }
        registry.counter("snapshot.platform.collection.failures").increment();
        error = storable(error);
        LOG.errorf("Platform stats for %s not collected: %s", day, error);
        failures.put(day, List.of(new DailySnapshot.Failure(PLATFORM_SOURCE, error)));
    }

    /**
     * Takes the day's snapshot from the history, once it has caught up with the topic, and publishes it to
     * {@code snapshots.daily.v1} (key = the date). The same history gives the same snapshot: idempotent.
     */
    public DailySnapshot takeAndPublish(LocalDate day) throws UnavailableException, InvalidSnapshotException {
        if (!consumer.awaitCaughtUp(config.catchUpTimeout())) {
            throw new UnavailableException("the history has not caught up with " + Topics.FEATURE_ADOPTION_METRICS_V1
                    + " (Kafka unavailable or still reading)");
        }
        DailySnapshot snapshot = history.snapshot(day, failures.getOrDefault(day, List.of()));
        Violations violations = DailySnapshotRules.check(snapshot, clock.instant());
        if (!violations.isEmpty()) {
            registry.counter("snapshot.snapshots.refused").increment();
            LOG.errorf("Snapshot of %s NOT published, it breaks the rules: %s", day, violations.summary());
            throw new InvalidSnapshotException(violations);
        }
        try {
            publisher.publishAndWait(Topics.SNAPSHOTS_DAILY_V1, day.toString(), snapshot);
        } catch (MetricPublisher.UnavailableException e) {
            throw new UnavailableException(e.getMessage());
        }
        registry.counter("snapshot.snapshots.published").increment();
        return snapshot;
    }
}
