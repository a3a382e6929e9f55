package io.growthmetrics.ingest.messaging;

import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.ingest.config.IngestConfig;
import io.growthmetrics.contracts.rules.TelemetryPingRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.ingest.domain.InvalidPingException;
import io.growthmetrics.ingest.domain.LineLimitedReader;
import io.growthmetrics.ingest.domain.PingJson;
import io.growthmetrics.ingest.domain.PingCsvReader;
import io.growthmetrics.ingest.domain.PingEvents;
import io.growthmetrics.ingest.domain.PingParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves the old collector's history over: streams its CSV export row by row and publishes every row like a ping,
 * with its original receive time. Memory stays constant: at most {@code importMaxInFlight} records wait for
 * Kafka at a time, and only the first rejections are listed.
 */
@ApplicationScoped
public class PingImporter {

    private static final Logger LOG = Logger.getLogger(PingImporter.class);

    /** What an import did. {@code complete} is false when the CSV broke off and the rest could not be read. */
    public record Report(long imported, long rejected, List<Rejection> rejections, boolean rejectionsTruncated,
            boolean complete) {
    }

    public record Rejection(long line, String reason) {
    }

    /** Kafka failed during the import; everything before {@code imported} is stored, re-running is safe. */
    public static class KafkaUnavailableException extends Exception {
        public final long imported;

        KafkaUnavailableException(long imported, Throwable cause) {
            super(cause);
            this.imported = imported;
        }
    }

    private final PingParser parser;
    private final PingEvents events;
    private final PingPublisher publisher;
    private final IngestConfig config;
    private final Counter importedRows;
    private final Counter rejectedRows;
    private final Clock clock = Clock.systemUTC();

    public PingImporter(PingParser parser, PingEvents events, PingPublisher publisher, IngestConfig config,
            MeterRegistry registry) {
        this.parser = parser;
        this.events = events;
        this.publisher = publisher;
        this.config = config;
        this.importedRows = registry.counter("telemetry.import.rows", "outcome", "imported");
        this.rejectedRows = registry.counter("telemetry.import.rows", "outcome", "rejected");
    }

    /**
     * @throws InvalidPingException the CSV has no usable header: nothing was imported
     */
    public Report importCsv(InputStream csv) throws InvalidPingException, KafkaUnavailableException, IOException {
        int maxInFlight = config.importMaxInFlight();
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong imported = new AtomicLong();
        AtomicReference<Throwable> kafkaFailure = new AtomicReference<>();
        List<Rejection> rejections = new ArrayList<>();
        long rejected = 0;
        boolean complete = true;

        IngestConfig.Limits limits = config.limits();
        LineLimitedReader lines = new LineLimitedReader(PingCsvReader.utf8Reader(csv), limits.csvLineLength());
        long records = 0;
        try (PingCsvReader reader = new PingCsvReader(lines, lines)) {
            while (kafkaFailure.get() == null) {
                if (records >= limits.csvRecords()) {
                    if (reader.next() != null) {
                        rejected++;
                        addRejection(rejections, new Rejection(-1, "The import stops after " + limits.csvRecords()
                                + " records (ingest.limits.csv-records): split the file; the rest was not read"));
                        complete = false;
                    }
                    break;
                }
                PingCsvReader.Result result;
                try {
                    result = reader.next();
                } catch (InvalidPingException brokenCsv) {
                    rejected++;
                    addRejection(rejections, new Rejection(-1, brokenCsv.getMessage()));
                    complete = false;
                    break;
                }
                if (result == null) {
                    break;
                }
                records++;
                TelemetryPingEvent event = null;
                if (result instanceof PingCsvReader.Row row) {
                    try {
                        PingJson.checkKeys(row.body(), limits.keyCount());
                        event = events.imported(parser.parse(row.body()), row.receivedAt(), row.ip());
                        // The same rules as a live ping (and kpi-service before storing), the receive time included:
                        // a row dated 9999-12-31 or before 2020 is rejected here.
                        Violations violations = TelemetryPingRules.check(event, clock.instant(), limits.json());
                        if (!violations.isEmpty()) {
                            throw new InvalidPingException(violations.summary());
                        }
                    } catch (InvalidPingException e) {
                        result = new PingCsvReader.Rejection(row.line(), e.getMessage());
                    }
                }
                if (result instanceof PingCsvReader.Rejection rejection) {
                    rejected++;
                    rejectedRows.increment();
                    addRejection(rejections, new Rejection(rejection.line(), rejection.reason()));
                    continue;
                }
                acquire(inFlight, 1);
                publisher.publish(event).whenComplete((metadata, error) -> {
                    if (error == null) {
                        imported.incrementAndGet();
                        importedRows.increment();
                    } else {
                        kafkaFailure.compareAndSet(null, error);
                    }
                    inFlight.release();
                });
            }
        } finally {
            // Wait for every record sent so far, so the counts are true when we answer.
            if (!acquire(inFlight, maxInFlight)) {
                kafkaFailure.compareAndSet(null, new IllegalStateException("Kafka did not acknowledge in time"));
            }
        }
        if (kafkaFailure.get() != null) {
            LOG.warnf("History import stopped after %d rows: %s", imported.get(), kafkaFailure.get().toString());
            throw new KafkaUnavailableException(imported.get(), kafkaFailure.get());
        }
        LOG.infof("History import: %d rows imported, %d rejected", imported.get(), rejected);
        return new Report(imported.get(), rejected, rejections, rejected > rejections.size(), complete);
    }

    private void addRejection(List<Rejection> rejections, Rejection rejection) {
        if (rejections.size() < config.importMaxListedRejections()) {
            rejections.add(rejection);
        }
    }

    private boolean acquire(Semaphore semaphore, int permits) {
        try {
            long waitMs = config.publishTimeout().toMillis() * 2;
            return semaphore.tryAcquire(permits, waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
