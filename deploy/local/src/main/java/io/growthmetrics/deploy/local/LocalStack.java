package io.growthmetrics.deploy.local;

import io.growthmetrics.broker.KafkaBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the launcher has started, and the one way to stop it (Prometheus, the services, then the broker, then the
 * embedded PostgreSQL). Starting a part and recording it happen under a lock, so a stop that comes in meanwhile (Ctrl-C,
 * SIGTERM) waits for that part and then stops it too, and nothing is started after a stop began.
 */
public final class LocalStack {

    // kpi-service closes its six Kafka consumers one after another (about 2.5 s each) before it stops.
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);

    private final ReentrantLock lock = new ReentrantLock();
    private final List<ServiceProcess> services = new ArrayList<>();
    private volatile KafkaBroker broker;
    private volatile LocalPostgres postgres;
    private volatile LocalPrometheus prometheus;
    private volatile boolean stopping;
    private boolean stopped;

    public boolean isStopping() {
        return stopping;
    }

    /** Runs {@code start} (which starts one part and returns it) unless a stop began; the part is recorded. */
    public <T> T startPart(Callable<T> start) throws Exception {
        lock.lock();
        try {
            if (stopping) {
                throw new ServiceProcess.StoppingException();
            }
            T part = start.call();
            if (part instanceof ServiceProcess service) {
                services.add(service);
            } else if (part instanceof KafkaBroker kafka) {
                broker = kafka;
            } else if (part instanceof LocalPostgres pg) {
                postgres = pg;
            } else if (part instanceof LocalPrometheus p) {
                prometheus = p;
            }
            return part;
        } finally {
            lock.unlock();
        }
    }

    public List<ServiceProcess> services() {
        lock.lock();
        try {
            return List.copyOf(services);
        } finally {
            lock.unlock();
        }
    }

    public KafkaBroker broker() {
        return broker;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    /** Stops everything that was started, once; later calls return at once. */
    public void stop() {
        stopping = true;
        boolean locked;
        try {
            // A part being started (the broker takes a few seconds) is finished and recorded first.
            locked = lock.tryLock(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            locked = false;
            Thread.currentThread().interrupt();
        }
        try {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
            }
            if (prometheus != null) {
                prometheus.close();
            }
            List<ServiceProcess> running = new ArrayList<>(services);
            if (!running.isEmpty()) {
                Console.info("Stopping the services ...");
            }
            running.forEach(ServiceProcess::beginStop);
            running.forEach(s -> s.awaitStopped(SERVICE_STOP_GRACE));
            if (broker != null) {
                Console.info("Stopping the Kafka broker ...");
                broker.close();
            }
            if (postgres != null && postgres.embedded()) {
                Console.info("Stopping the embedded PostgreSQL ...");
                postgres.close();
            }
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }
}
