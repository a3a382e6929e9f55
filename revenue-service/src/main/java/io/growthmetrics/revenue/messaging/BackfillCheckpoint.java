package io.growthmetrics.revenue.messaging;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Where an interrupted backfill resumes: the id of the last subscription whose event Kafka acknowledged, kept in
 * memory and in {@code <state-dir>/stripe-backfill.properties} (written atomically). It is tied to the Stripe
 * account it was read from (a fingerprint of API base and key, never the key), cleared when a run completes, and
 * when the folder cannot be written it lives in memory only (a restart then starts over, which is safe).
 */
public class BackfillCheckpoint {

    private static final Logger LOG = Logger.getLogger(BackfillCheckpoint.class);
    static final String FILE_NAME = "stripe-backfill.properties";

    private final Path file;
    private final String account;
    private volatile String lastSubscriptionId;
    private volatile boolean fileWarned;

    public BackfillCheckpoint(Path stateDir, String account) {
        this.file = stateDir.resolve(FILE_NAME);
        this.account = account;
        this.lastSubscriptionId = load();
    }

    /** The subscription id to continue after, if a run was interrupted. */
    public Optional<String> resumeAfter() {
        return Optional.ofNullable(lastSubscriptionId);
    }

    public void save(String subscriptionId) {
        lastSubscriptionId = subscriptionId;
        Properties props = new Properties();
        props.setProperty("account", account);
        props.setProperty("lastSubscriptionId", subscriptionId);
        props.setProperty("updatedAt", Instant.now().toString());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                props.store(out, "revenue-service: where an interrupted Stripe backfill resumes");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            if (!fileWarned) {
                fileWarned = true;
                LOG.warnf("Cannot write the backfill resume point to %s (%s); keeping it in memory only", file, e);
            }
        }
    }

    public void clear() {
        lastSubscriptionId = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Cannot delete %s: %s", file, e);
        }
    }

    public Path file() {
        return file;
    }

    private String load() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            LOG.warnf("Cannot read %s (%s); a backfill starts from the beginning", file, e);
            return null;
        }
        if (!account.equals(props.getProperty("account"))) {
            LOG.infof("%s belongs to another Stripe account or API base; a backfill starts from the beginning", file);
            return null;
        }
        String id = props.getProperty("lastSubscriptionId");
        return id == null || id.isBlank() ? null : id;
    }
}
