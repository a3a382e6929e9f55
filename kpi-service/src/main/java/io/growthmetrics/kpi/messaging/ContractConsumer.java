package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.growthmetrics.kpi.view.revenue.CarrStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Consumes {@code revenue.contracts.v1} into {@code carr_contract}: the latest state of each contract. */
@ApplicationScoped
public class ContractConsumer {

    private static final Logger LOG = Logger.getLogger(ContractConsumer.class);
    private static final String WHAT = "a contract event";

    private final BatchConsumption<ContractEvent> batches;

    public ContractConsumer(CarrStore store, @Channel("revenue-contracts-dead-letter") MutinyEmitter<String> deadLetters,
            MeterRegistry registry) {
        this.batches = new BatchConsumption<>(Topics.REVENUE_CONTRACTS_V1, ContractConsumer::read,
                events -> store.storeContracts(events)
                        .map(applied -> new BatchConsumption.Outcome(applied, events.size() - applied)),
                deadLetters, registry, LOG);
    }

    @Incoming("revenue-contracts")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(records);
    }

    static ContractEvent read(ConsumerRecord<String, String> record) throws UnprocessableRecordException {
        ContractEvent event = RecordChecks.bind(RecordChecks.json(record, WHAT), ContractEvent.class, WHAT);
        RecordChecks.schemaVersion(event.schemaVersion(), ContractEvent.SCHEMA_VERSION);
        RecordChecks.text(event.eventId(), "eventId");
        RecordChecks.instant(event.updatedAt(), "updatedAt");
        RecordChecks.text(event.contractId(), "contractId");
        RecordChecks.text(event.customer(), "customer");
        String currency = RecordChecks.currency(event.currency(), "currency");
        if (event.status() == null || event.status().isBlank()) {
            throw new UnprocessableRecordException("missing status");
        }
        RecordChecks.optionalDate(event.signedDate(), "signedDate");
        RecordChecks.optionalDate(event.expectedCloseDate(), "expectedCloseDate");
        RecordChecks.optionalDate(event.startDate(), "startDate");
        switch (event.status()) {
            case ContractEvent.SIGNED -> {
                if (event.signedDate() == null) {
                    throw new UnprocessableRecordException("missing signedDate (status signed)");
                }
            }
            case ContractEvent.PIPELINE -> {
                if (event.expectedCloseDate() == null) {
                    throw new UnprocessableRecordException("missing expectedCloseDate (status pipeline)");
                }
            }
            default -> throw new UnprocessableRecordException("unknown status " + event.status()
                    + " (signed or pipeline)");
        }
        if (event.annualValueCents() < 0) {
            throw new UnprocessableRecordException("negative annualValueCents " + event.annualValueCents());
        }
        return new ContractEvent(event.schemaVersion(), event.eventId(), event.updatedAt(), event.contractId(),
                event.customer(), event.annualValueCents(), currency, event.status(), event.signedDate(),
                event.expectedCloseDate(), event.startDate());
    }
}
