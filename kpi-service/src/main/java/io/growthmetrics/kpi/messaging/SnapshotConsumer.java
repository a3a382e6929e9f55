package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.kpi.view.snapshot.SnapshotStore;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consumes {@code snapshots.daily.v1} into {@code snapshot_day} and {@code snapshot_metric}: each snapshot replaces
 * its day. An unprocessable record goes to {@code snapshots.daily.v1.dlq} with the reason; a database failure is
 * retried (see {@link BatchConsumption}). Counts {@code kpi.snapshots.consumed{topic, outcome}}; {@code duplicate}
 * is a snapshot superseded by a later one of the same day in the same batch.
 */
@ApplicationScoped
public class SnapshotConsumer {

    /** Where unprocessable snapshots go (not in {@link Topics}: kpi-service's own). */
    public static final String DEAD_LETTER_TOPIC = Topics.SNAPSHOTS_DAILY_V1 + ".dlq";
    static final int MAX_NAME = 512;
    /** PostgreSQL's numeric: at most 131072 digits before the decimal point and 16383 after. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_SCALE = 16_383;

    private static final Logger LOG = Logger.getLogger(SnapshotConsumer.class);
    private static final String WHAT = "a daily snapshot";
    /** Decimals read exactly, never through a double. */
    private static final ObjectReader EXACT = EventJson.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final BatchConsumption<DailySnapshot> batches;

    public SnapshotConsumer(SnapshotStore store, @Channel("snapshots-daily-dead-letter") MutinyEmitter<String> deadLetters,
            MeterRegistry registry) {
        this.batches = new BatchConsumption<>(Topics.SNAPSHOTS_DAILY_V1, SnapshotConsumer::read,
                snapshots -> {
                    List<DailySnapshot> latest = latestPerDay(snapshots);
                    return store.replaceDays(latest)
                            .replaceWith(new BatchConsumption.Outcome(latest.size(), snapshots.size() - latest.size()));
                },
                deadLetters, registry, LOG, "kpi.snapshots.consumed");
    }

    @Incoming("snapshots-daily")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(records);
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

    static DailySnapshot read(ConsumerRecord<String, String> record) throws UnprocessableRecordException {
        RecordChecks.json(record, WHAT); // empty, NUL, not a JSON object
        JsonNode tree;
        try {
            tree = EXACT.readTree(record.value());
        } catch (Exception e) {
            throw new UnprocessableRecordException("not " + WHAT + ": " + RecordChecks.firstLine(e.getMessage()));
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new UnprocessableRecordException("missing schemaVersion");
        }
        if (!version.canConvertToExactIntegral() || !version.canConvertToInt()) {
            throw new UnprocessableRecordException("schemaVersion is not an integer: " + version);
        }
        RecordChecks.schemaVersion(version.intValue(), DailySnapshot.SCHEMA_VERSION);
        Map<String, BigDecimal> metrics = metrics(tree.get("metrics"));
        DailySnapshot snapshot = RecordChecks.bind(tree, DailySnapshot.class, WHAT);
        if (snapshot.date() == null) {
            throw new UnprocessableRecordException("missing date");
        }
        RecordChecks.optionalDate(snapshot.date(), "date");
        return new DailySnapshot(DailySnapshot.SCHEMA_VERSION, snapshot.date(), metrics, snapshot.failures());
    }

    /** Every metric a name of 1 to 512 characters and a JSON number PostgreSQL's numeric holds; absent = none. */
    private static Map<String, BigDecimal> metrics(JsonNode node) throws UnprocessableRecordException {
        Map<String, BigDecimal> metrics = new TreeMap<>();
        if (node == null || node.isNull()) {
            return metrics;
        }
        if (!node.isObject()) {
            throw new UnprocessableRecordException("metrics is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            String name = metric.getKey();
            if (name.isBlank()) {
                throw new UnprocessableRecordException("metric with a blank name");
            }
            if (name.codePointCount(0, name.length()) > MAX_NAME) {
                throw new UnprocessableRecordException("metric name longer than " + MAX_NAME + " characters: "
                        + name.substring(0, 64) + "…");
            }
            JsonNode value = metric.getValue();
            if (!value.isNumber()) {
                throw new UnprocessableRecordException("metric " + name + " is not a number: " + value);
            }
            BigDecimal exact = value.decimalValue().stripTrailingZeros();
            if (exact.precision() - exact.scale() > MAX_INTEGER_DIGITS || exact.scale() > MAX_SCALE) {
                throw new UnprocessableRecordException("metric " + name + " out of range: " + exact);
            }
            metrics.put(name, exact.scale() < 0 ? exact.setScale(0) : exact);
        }
        return metrics;
    }
}
