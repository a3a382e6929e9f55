package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.KpiObservation;
import io.growthmetrics.contracts.rules.KpiObservationRules;
import io.growthmetrics.kpi.view.kpi.KpiInputStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Consumes {@code kpi.observations.v1} (figures of KPIs owned by other systems) into {@code kpi_observation}. An
 * observation of a key no KPI is defined for is stored all the same: defining the KPI later shows its history.
 */
@ApplicationScoped
public class KpiObservationConsumer {

    private static final Logger LOG = Logger.getLogger(KpiObservationConsumer.class);
    private static final String WHAT = "a KPI observation";
    static final String KPI_METER = "kpi.kpi-inputs.consumed";

    private final BatchConsumption<KpiObservation> batches;

    public KpiObservationConsumer(KpiInputStore store,
            @Channel("kpi-observations-dead-letter") MutinyEmitter<byte[]> deadLetters, BatchConsumptions consumptions) {
        this.batches = consumptions.create(Topics.KPI_OBSERVATIONS_V1, KpiObservationConsumer::read,
                observations -> store.storeObservations(observations)
                        .map(changed -> new BatchConsumption.Outcome(changed, observations.size() - changed)),
                deadLetters, LOG, KPI_METER);
    }

    @Incoming("kpi-observations")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    /** Parses and checks one record against {@link KpiObservationRules}; the topic's records carry no version. */
    static KpiObservation read(ConsumerRecord<String, String> record, Instant now) throws UnprocessableRecordException {
        JsonNode tree = RecordChecks.json(record, WHAT);
        KpiObservation observation = RecordChecks.bind(tree, KpiObservation.class, WHAT);
        RecordChecks.rules(KpiObservationRules.check(observation, now));
        return observation;
    }
}
