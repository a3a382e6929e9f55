package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.rules.DailySnapshotRules;
import io.growthmetrics.contracts.rules.FeatureMetricRules;
import io.growthmetrics.contracts.rules.StorableText;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.kpi.view.snapshot.SnapshotStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumes {@code snapshots.daily.v1} into {@code snapshot_day} and {@code snapshot_metric}: each snapshot replaces
 * its day ({@link BatchConsumption}). A snapshot breaking {@link DailySnapshotRules} (its date, its failures) goes to
 * {@code snapshots.daily.v1.dlq} with the reason; a single bad series in it (a name beyond the column, a value beyond
 * the rules' digits such as {@code 1e200000}, not a number) is left out of the views instead, the rest of the snapshot
 * stored: series carry forward, so one bad series would otherwise dead-letter every later day. Left-out series are
 * counted ({@code kpi.snapshots.metrics.dropped}) and logged once per snapshot day. Counts
 * {@code kpi.snapshots.consumed{topic, outcome}}; {@code duplicate} is a snapshot superseded by a later one of the
 * same day in the same batch.
 */
@ApplicationScoped
public class SnapshotConsumer {

    /** Where unprocessable snapshots go (not in {@link Topics}: kpi-service's own). */
    public static final String DEAD_LETTER_TOPIC = Topics.SNAPSHOTS_DAILY_V1 + ".dlq";

    private static final Logger LOG = Logger.getLogger(SnapshotConsumer.class);
    private static final String WHAT = "a daily snapshot";
    private static final int MAX_LOGGED_DAYS = 10_000;

    /** A snapshot as read, and the series left out of it (with why). */
    record Read(DailySnapshot snapshot, List<String> dropped) {
    }

    private final BatchConsumption<Read> batches;
    private final Counter droppedMetrics;
    private final Set<LocalDate> loggedDays = ConcurrentHashMap.newKeySet();

    public SnapshotConsumer(SnapshotStore store, @Channel("snapshots-daily-dead-letter") MutinyEmitter<byte[]> deadLetters,
            BatchConsumptions consumptions, MeterRegistry registry) {
        this.droppedMetrics = registry.counter("kpi.snapshots.metrics.dropped");
        this.batches = consumptions.create(Topics.SNAPSHOTS_DAILY_V1, SnapshotConsumer::read,
                reads -> {
                    List<DailySnapshot> latest = latestPerDay(reads.stream().map(Read::snapshot).toList());
                    return store.replaceDays(latest)
                            .invoke(() -> reads.forEach(this::reportDropped))
                            .replaceWith(new BatchConsumption.Outcome(latest.size(), reads.size() - latest.size()));
                },
                deadLetters, LOG, "kpi.snapshots.consumed");
    }

    @Incoming("snapshots-daily")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    private void reportDropped(Read read) {
        if (read.dropped().isEmpty()) {
            return;
        }
        droppedMetrics.increment(read.dropped().size());
        if (loggedDays.size() > MAX_LOGGED_DAYS) {
            loggedDays.clear();
        }
        if (loggedDays.add(read.snapshot().date())) {
            LOG.warnf("Snapshot of %s: %d series left out of the views: %s", read.snapshot().date(),
                    read.dropped().size(), RecordChecks.abbreviate(String.join("; ", read.dropped())));
        }
    }

    /** The last snapshot of each day in the batch, in the order of those last ones. */
    static List<DailySnapshot> latestPerDay(List<DailySnapshot> snapshots) {
        Map<LocalDate, DailySnapshot> latest = new LinkedHashMap<>();
        for (DailySnapshot snapshot : snapshots) {
            latest.remove(snapshot.date());
            latest.put(snapshot.date(), snapshot);
        }
        return new ArrayList<>(latest.values());
    }

    static Read read(ConsumerRecord<String, String> record, Instant now) throws UnprocessableRecordException {
        if (record.value() == null || record.value().isBlank()) {
            throw new UnprocessableRecordException("empty record value");
        }
        JsonNode tree;
        try {
            tree = RecordChecks.EXACT.readTree(record.value());
        } catch (Exception e) {
            throw new UnprocessableRecordException(RecordChecks.abbreviate("not " + WHAT + ": "
                    + RecordChecks.firstLine(e.getMessage())));
        }
        if (tree == null || !tree.isObject()) {
            throw new UnprocessableRecordException("not " + WHAT + ": not a JSON object");
        }
        RecordChecks.schemaVersion(tree, DailySnapshot.SCHEMA_VERSION);
        ObjectNode rest = ((ObjectNode) tree).deepCopy();
        JsonNode metricsNode = rest.remove("metrics");
        if (metricsNode != null && !metricsNode.isNull() && !metricsNode.isObject()) {
            throw new UnprocessableRecordException("'metrics' must be a JSON object");
        }
        Map<String, BigDecimal> metrics = new TreeMap<>();
        List<String> dropped = new ArrayList<>();
        if (metricsNode != null && metricsNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = metricsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = it.next();
                String problem = metricProblem(metric.getKey(), metric.getValue());
                if (problem == null) {
                    BigDecimal exact = metric.getValue().decimalValue().stripTrailingZeros();
                    metrics.put(metric.getKey(), exact.scale() < 0 ? exact.setScale(0) : exact);
                } else {
                    dropped.add(problem);
                }
            }
        }
        DailySnapshot bound = RecordChecks.bind(rest, DailySnapshot.class, WHAT);
        DailySnapshot snapshot = new DailySnapshot(DailySnapshot.SCHEMA_VERSION, bound.date(), metrics, bound.failures());
        RecordChecks.rules(DailySnapshotRules.check(snapshot, now));
        return new Read(snapshot, dropped);
    }

    /** Why one series cannot be stored, with the rules of {@link DailySnapshotRules}; null when it can. */
    private static String metricProblem(String name, JsonNode value) {
        Violations v = new Violations().requiredText("metrics key", name, FeatureMetricRules.SERIES_NAME);
        String field = "metrics." + abbreviate(name);
        if (!value.isNumber()) {
            v.field(field, "'" + field + "' must be a number");
        } else {
            v.number(field, value.decimalValue(), FeatureMetricRules.VALUE_INTEGER_DIGITS,
                    FeatureMetricRules.VALUE_FRACTION_DIGITS);
        }
        return v.isEmpty() ? null : v.summary();
    }

    private static String abbreviate(String name) {
        String safe = StorableText.problem(name) == null ? name
                : name.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
        return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…";
    }
}
