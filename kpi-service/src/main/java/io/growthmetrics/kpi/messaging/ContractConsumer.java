package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ContractEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.rules.ContractRules;
import io.growthmetrics.kpi.view.revenue.CarrStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Locale;

/** Consumes {@code revenue.contracts.v1} into {@code carr_contract}: the latest state of each contract. */
@ApplicationScoped
public class ContractConsumer {

    private static final Logger LOG = Logger.getLogger(ContractConsumer.class);
    private static final String WHAT = "a contract event";

    private final BatchConsumption<ContractEvent> batches;

    public ContractConsumer(CarrStore store, @Channel("revenue-contracts-dead-letter") MutinyEmitter<byte[]> deadLetters,
            BatchConsumptions consumptions) {
        this.batches = consumptions.create(Topics.REVENUE_CONTRACTS_V1, ContractConsumer::read,
                events -> store.storeContracts(events)
                        .map(applied -> new BatchConsumption.Outcome(applied, events.size() - applied)),
                deadLetters, LOG, SubscriptionConsumer.REVENUE_METER);
    }

    @Incoming("revenue-contracts")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    /** Parses and checks one record against {@link ContractRules}. */
    static ContractEvent read(ConsumerRecord<String, String> record, Instant now) throws UnprocessableRecordException {
        JsonNode tree = RecordChecks.json(record, WHAT);
        RecordChecks.schemaVersion(tree, ContractEvent.SCHEMA_VERSION);
        ContractEvent event = RecordChecks.bind(tree, ContractEvent.class, WHAT);
        RecordChecks.rules(ContractRules.check(event, now));
        return new ContractEvent(event.schemaVersion(), event.eventId(), event.updatedAt(), event.contractId(),
                event.customer(), event.annualValueCents(), event.currency().toLowerCase(Locale.ROOT), event.status(),
                event.signedDate(), event.expectedCloseDate(), event.startDate());
    }
}
