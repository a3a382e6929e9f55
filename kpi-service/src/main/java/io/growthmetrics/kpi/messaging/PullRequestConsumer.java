package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.PullRequestMerged;
import io.growthmetrics.contracts.rules.PullRequestMergedRules;
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

/** Consumes {@code engineering.pull-requests.v1} into {@code merged_pull_request}: each pull request once. */
@ApplicationScoped
public class PullRequestConsumer {

    private static final Logger LOG = Logger.getLogger(PullRequestConsumer.class);
    private static final String WHAT = "a merged pull request";

    private final BatchConsumption<PullRequestMerged> batches;

    public PullRequestConsumer(KpiInputStore store,
            @Channel("engineering-pull-requests-dead-letter") MutinyEmitter<byte[]> deadLetters,
            BatchConsumptions consumptions) {
        this.batches = consumptions.create(Topics.ENGINEERING_PULL_REQUESTS_V1, PullRequestConsumer::read,
                merged -> store.storePullRequests(merged)
                        .map(changed -> new BatchConsumption.Outcome(changed, merged.size() - changed)),
                deadLetters, LOG, KpiObservationConsumer.KPI_METER);
    }

    @Incoming("engineering-pull-requests")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    static PullRequestMerged read(ConsumerRecord<String, String> record, Instant now) throws UnprocessableRecordException {
        JsonNode tree = RecordChecks.json(record, WHAT);
        RecordChecks.schemaVersion(tree, PullRequestMerged.SCHEMA_VERSION);
        PullRequestMerged merged = RecordChecks.bind(tree, PullRequestMerged.class, WHAT);
        RecordChecks.rules(PullRequestMergedRules.check(merged, now));
        return merged;
    }
}
