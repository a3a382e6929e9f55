package io.growthmetrics.revenue.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Subscription;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.revenue.config.RevenueConfig;
import io.growthmetrics.revenue.stripe.StripeApi;
import io.growthmetrics.revenue.stripe.StripeUnavailableException;
import io.growthmetrics.revenue.stripe.SubscriptionNormalizer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads every Stripe subscription through the API ({@code status=all}, auto-paging, discounts expanded) and
 * publishes each as a {@code backfill.snapshot} {@link SubscriptionEvent}: eventId
 * {@code backfill:<subscription id>:<epoch second of the read>}, eventCreated = that second. Consumers keep the
 * state with the latest eventCreated, so a webhook event created after the read wins and a backfill never
 * overrides newer webhook state: safe to run while webhooks arrive.
 * <p>
 * Resumable: every 50 acknowledged records the last subscription id is checkpointed ({@link BackfillCheckpoint});
 * a run that fails (Stripe or Kafka unavailable) is continued by the next one with {@code starting_after}. A
 * completed run clears the checkpoint, so the next starts from the beginning. Runs at start-up (when an API key is
 * configured and {@code revenue.backfill.on-start} is true) and on {@code POST /admin/backfill}; one at a time.
 */
@ApplicationScoped
public class BackfillJob {

    private static final Logger LOG = Logger.getLogger(BackfillJob.class);
    private static final int CHECKPOINT_EVERY = 50;

    public enum StartResult { STARTED, ALREADY_RUNNING, NOT_CONFIGURED }

    /** What the current or last run did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, String trigger, Instant startedAt, Instant finishedAt, String resumedAfter,
            long read, long published, long errors, String lastSubscriptionId, String resumePoint, String error) {
    }

    private final StripeApi api;
    private final SubscriptionNormalizer normalizer;
    private final EventPublisher publisher;
    private final RevenueConfig config;
    private final BackfillCheckpoint checkpoint;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter readCounter;
    private final Counter publishedCounter;
    private final Counter errorCounter;
    private volatile boolean stopping;
    private volatile Status status;

    public BackfillJob(StripeApi api, SubscriptionNormalizer normalizer, EventPublisher publisher, RevenueConfig config,
            MeterRegistry registry) {
        this.api = api;
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.config = config;
        this.checkpoint = new BackfillCheckpoint(Path.of(config.backfill().stateDir()), account(config));
        this.readCounter = registry.counter("revenue.backfill.subscriptions.read");
        this.publishedCounter = registry.counter("revenue.backfill.subscriptions.published");
        this.errorCounter = registry.counter("revenue.backfill.errors");
        registry.gauge("revenue.backfill.running", running, r -> r.get() ? 1 : 0);
        this.status = idle();
    }

    void onStart(@Observes StartupEvent start) {
        if (api.available() && config.backfill().onStart()) {
            start("start-up");
        } else if (!api.available()) {
            LOG.info("No STRIPE_API_KEY: no backfill; subscriptions are known from webhooks only");
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    public boolean available() {
        return api.available();
    }

    public Status status() {
        return status;
    }

    /** Starts a run in the background unless one is running. */
    public StartResult start(String trigger) {
        if (!api.available()) {
            return StartResult.NOT_CONFIGURED;
        }
        if (!running.compareAndSet(false, true)) {
            return StartResult.ALREADY_RUNNING;
        }
        String resumeAfter = checkpoint.resumeAfter().orElse(null);
        status = new Status("running", trigger, Instant.now(), null, resumeAfter, 0, 0, 0, null, resumeAfter, null);
        Thread thread = new Thread(() -> run(trigger, resumeAfter), "revenue-backfill");
        thread.setDaemon(true);
        thread.start();
        return StartResult.STARTED;
    }

    private void run(String trigger, String resumeAfter) {
        Instant startedAt = status.startedAt();
        Progress progress = new Progress();
        LOG.infof("Stripe backfill started (%s)%s", trigger,
                resumeAfter == null ? "" : ", resuming after subscription " + resumeAfter);
        String error = null;
        try {
            Iterable<Subscription> subscriptions;
            try {
                subscriptions = api.allSubscriptions(resumeAfter, config.backfill().pageSize());
            } catch (StripeUnavailableException e) {
                if (resumeAfter != null && e.getCause() instanceof InvalidRequestException) {
                    checkpoint.clear();
                    throw new IllegalStateException("Stripe refused to resume after " + resumeAfter + " ("
                            + e.getMessage() + "); the resume point is dropped, the next run starts from the beginning", e);
                }
                throw e;
            }
            for (Subscription sub : subscriptions) {
                if (stopping) {
                    throw new IllegalStateException("the service is stopping");
                }
                progress.read++;
                readCounter.increment();
                update(trigger, startedAt, resumeAfter, progress, "running", null);
                Instant readAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                SubscriptionEvent event;
                try {
                    event = new SubscriptionEvent(SubscriptionEvent.SCHEMA_VERSION,
                            "backfill:" + sub.getId() + ":" + readAt.getEpochSecond(), SubscriptionEvent.TYPE_BACKFILL,
                            readAt, SubscriptionEvent.SOURCE_BACKFILL, false,
                            normalizer.normalize(sub, "backfill").snapshot());
                } catch (RuntimeException e) {
                    progress.errors++;
                    errorCounter.increment();
                    LOG.errorf(e, "Backfill: subscription %s could not be normalized; skipped", sub.getId());
                    continue;
                }
                progress.pending.add(publisher.publish(Topics.REVENUE_SUBSCRIPTIONS_V1, sub.getId(), event));
                progress.pendingLast = sub.getId();
                if (progress.pending.size() >= CHECKPOINT_EVERY) {
                    flush(progress);
                }
                if (progress.read % Math.max(1, config.backfill().progressEvery()) == 0) {
                    LOG.infof("Stripe backfill: %d subscriptions read, %d published, %d errors (last %s)",
                            progress.read, progress.published, progress.errors, sub.getId());
                }
            }
            flush(progress);
            checkpoint.clear();
            LOG.infof("Stripe backfill completed: %d subscriptions read, %d published, %d errors", progress.read,
                    progress.published, progress.errors);
        } catch (StripeUnavailableException | EventPublisher.UnavailableException | RuntimeException e) {
            error = e instanceof RuntimeException && e.getCause() != null && e.getMessage() != null
                    && e.getMessage().startsWith("Unable to lazy-load") ? "Stripe: " + e.getCause().getMessage()
                    : e.getMessage();
            progress.errors++;
            errorCounter.increment();
            try {
                flush(progress); // what was sent before the failure still counts
            } catch (EventPublisher.UnavailableException kafka) {
                // the checkpoint stays where the last acknowledged batch left it
            }
            LOG.errorf("Stripe backfill failed after %d subscriptions read, %d published: %s. %s", progress.read,
                    progress.published, error, checkpoint.resumeAfter().map(id -> "The next run resumes after " + id)
                            .orElse("The next run starts from the beginning"));
        } finally {
            update(trigger, startedAt, resumeAfter, progress, error == null ? "completed" : "failed", error);
            running.set(false);
        }
    }

    private void flush(Progress progress) throws EventPublisher.UnavailableException {
        if (progress.pending.isEmpty()) {
            return;
        }
        List<CompletableFuture<RecordMetadata>> batch = new ArrayList<>(progress.pending);
        progress.pending.clear();
        publisher.awaitAll(batch);
        progress.published += batch.size();
        publishedCounter.increment(batch.size());
        progress.lastAcknowledged = progress.pendingLast;
        checkpoint.save(progress.pendingLast);
    }

    private void update(String trigger, Instant startedAt, String resumeAfter, Progress progress, String state,
            String error) {
        boolean done = !"running".equals(state);
        status = new Status(state, trigger, startedAt, done ? Instant.now() : null, resumeAfter, progress.read,
                progress.published, progress.errors, progress.lastAcknowledged,
                checkpoint.resumeAfter().orElse(null), error);
    }

    private Status idle() {
        String resumePoint = checkpoint.resumeAfter().orElse(null);
        return new Status("idle", null, null, null, null, 0, 0, 0, null, resumePoint, null);
    }

    /** Ties the resume point to one Stripe account: a hash of API base and key, never the key itself. */
    private static String account(RevenueConfig config) {
        String material = config.stripe().apiBase().orElse("") + "|" + config.stripe().apiKey().orElse("");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final class Progress {
        long read;
        long published;
        long errors;
        String lastAcknowledged;
        String pendingLast;
        final List<CompletableFuture<RecordMetadata>> pending = new ArrayList<>();
    }
}
