package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import io.growthmetrics.kpi.view.revenue.CatalogStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
            @Channel("revenue-products-dead-letter") MutinyEmitter<String> deadLetters, MeterRegistry registry) {
        this.batches = new BatchConsumption<>(Topics.REVENUE_PRODUCTS_V1, ProductCatalogConsumer::read,
                events -> store.store(events).map(applied -> new BatchConsumption.Outcome(applied, events.size() - applied)),
                deadLetters, registry, LOG);
    }

    @Incoming("revenue-products")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(records);
    }

    static ProductCatalogEvent read(ConsumerRecord<String, String> record) throws UnprocessableRecordException {
        if (record.key() != null && !ProductCatalogEvent.KEY.equals(record.key())) {
            throw new UnprocessableRecordException("unknown catalog key " + record.key() + " (this consumer reads "
                    + ProductCatalogEvent.KEY + ")");
        }
        ProductCatalogEvent event = RecordChecks.bind(RecordChecks.json(record, WHAT), ProductCatalogEvent.class, WHAT);
        RecordChecks.schemaVersion(event.schemaVersion(), ProductCatalogEvent.SCHEMA_VERSION);
        RecordChecks.instant(event.publishedAt(), "publishedAt");
        if (event.products() == null) {
            throw new UnprocessableRecordException("missing products");
        }
        Set<String> ids = new HashSet<>();
        List<ProductCatalogEvent.Product> products = event.products();
        for (int i = 0; i < products.size(); i++) {
            ProductCatalogEvent.Product product = products.get(i);
            String at = "products[" + i + "]";
            if (product == null) {
                throw new UnprocessableRecordException(at + " is null");
            }
            RecordChecks.text(product.productId(), at + ".productId");
            RecordChecks.text(product.name(), at + ".name");
            if (!ids.add(product.productId())) {
                throw new UnprocessableRecordException("duplicate productId " + product.productId());
            }
        }
        return event;
    }
}
