package io.growthmetrics.revenue.messaging;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import io.growthmetrics.revenue.domain.ProductCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the self-service product catalog to {@code revenue.products.v1} (key {@code self-service}) at start-up.
 * When Kafka is not reachable yet, start-up goes on (readiness says DOWN meanwhile) and the catalog is retried in
 * the background, 5 s then doubling up to 60 s, until Kafka has it.
 */
@ApplicationScoped
public class CatalogPublisher {

    private static final Logger LOG = Logger.getLogger(CatalogPublisher.class);

    private final ProductCatalog catalog;
    private final EventPublisher publisher;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "revenue-catalog-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean published;

    public CatalogPublisher(ProductCatalog catalog, EventPublisher publisher) {
        this.catalog = catalog;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent start) {
        LOG.infof("Self-service products: %s", catalog.products());
        retries.execute(() -> attempt(5));
    }

    void onStop(@Observes ShutdownEvent stop) {
        retries.shutdownNow();
    }

    public boolean published() {
        return published;
    }

    public ProductCatalogEvent event() {
        return new ProductCatalogEvent(ProductCatalogEvent.SCHEMA_VERSION, Instant.now(),
                catalog.products().entrySet().stream()
                        .map(e -> new ProductCatalogEvent.Product(e.getKey(), e.getValue())).toList());
    }

    private void attempt(long nextDelaySeconds) {
        try {
            publisher.publishAndWait(Topics.REVENUE_PRODUCTS_V1, ProductCatalogEvent.KEY, event());
            published = true;
            LOG.infof("Published the catalog of %d self-service products to %s", catalog.products().size(),
                    Topics.REVENUE_PRODUCTS_V1);
        } catch (EventPublisher.UnavailableException e) {
            LOG.warnf("Could not publish the product catalog (%s); retrying in %d s", e.getMessage(), nextDelaySeconds);
            try {
                retries.schedule(() -> attempt(Math.min(60, nextDelaySeconds * 2)), nextDelaySeconds, TimeUnit.SECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // stopping: nothing more to do
            }
        }
    }
}
