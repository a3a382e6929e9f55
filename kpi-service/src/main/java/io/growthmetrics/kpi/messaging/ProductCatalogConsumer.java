package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.rules.ProductCatalogRules;
import io.growthmetrics.kpi.view.revenue.CatalogStore;
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
 * Consumes {@code revenue.products.v1}: the self-service catalog. The latest {@code publishedAt} wins; a catalog
 * whose product ids differ from the current one re-scopes every day of the revenue views ({@link CatalogStore}).
 */
@ApplicationScoped
public class ProductCatalogConsumer {

    private static final Logger LOG = Logger.getLogger(ProductCatalogConsumer.class);
    private static final String WHAT = "a product catalog event";

    private final BatchConsumption<ProductCatalogEvent> batches;

    public ProductCatalogConsumer(CatalogStore store,
            @Channel("revenue-products-dead-letter") MutinyEmitter<byte[]> deadLetters,
            BatchConsumptions consumptions) {
        this.batches = consumptions.create(Topics.REVENUE_PRODUCTS_V1, ProductCatalogConsumer::read,
                events -> store.store(events).map(applied -> new BatchConsumption.Outcome(applied, events.size() - applied)),
                deadLetters, LOG, SubscriptionConsumer.REVENUE_METER);
    }

    @Incoming("revenue-products")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    /** Parses and checks one record against {@link ProductCatalogRules}. */
    static ProductCatalogEvent read(ConsumerRecord<String, String> record, Instant now)
            throws UnprocessableRecordException {
        if (record.key() != null && !ProductCatalogEvent.KEY.equals(record.key())) {
            throw new UnprocessableRecordException(RecordChecks.abbreviate("unknown catalog key " + record.key()
                    + " (this consumer reads " + ProductCatalogEvent.KEY + ")"));
        }
        JsonNode tree = RecordChecks.json(record, WHAT);
        RecordChecks.schemaVersion(tree, ProductCatalogEvent.SCHEMA_VERSION);
        ProductCatalogEvent event = RecordChecks.bind(tree, ProductCatalogEvent.class, WHAT);
        RecordChecks.rules(ProductCatalogRules.check(event, now));
        return event;
    }
}
