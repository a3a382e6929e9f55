package io.growthmetrics.snapshot.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.PullRequestMerged;
import io.growthmetrics.contracts.rules.PullRequestMergedRules;
import io.growthmetrics.snapshot.config.SnapshotConfig;
import io.growthmetrics.snapshot.messaging.MetricPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the merged pull requests of the counted repositories since a day through the GitHub REST API
 * ({@code GET /repos/{owner}/{repo}/pulls?state=closed&sort=updated&direction=desc}, 100 per page, following the
 * {@code Link: rel="next"} header until the pages are older than that day) and publishes each merge to
 * {@code engineering.pull-requests.v1} ({@code source: backfill}); kpi-service counts each pull request once, so a
 * backfill over weeks the webhook already covered changes nothing. A rate-limit reply (403/429 with
 * {@code x-ratelimit-remaining: 0} or {@code retry-after}) is waited out up to {@code snapshot.github.max-rate-limit-wait},
 * then the backfill stops and says so. One backfill at a time, in the background.
 */
@ApplicationScoped
public class GithubBackfill {

    private static final Logger LOG = Logger.getLogger(GithubBackfill.class);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int SERVER_ERROR_ATTEMPTS = 3;

    /** What the backfill did so far. state: idle, running, done or failed. */
    public record Status(String state, LocalDate since, Instant startedAt, Instant finishedAt, int pages, int published,
            int rateLimitWaits, String error) {
    }

    private final SnapshotConfig config;
    private final MetricPublisher publisher;
    private final PullRequestEvents events;
    private final HttpClient http;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "github-backfill");
        t.setDaemon(true);
        return t;
    });
    private volatile Status status = new Status("idle", null, null, null, 0, 0, 0, null);

    public GithubBackfill(SnapshotConfig config, MetricPublisher publisher) {
        this.config = config;
        this.publisher = publisher;
        this.events = new PullRequestEvents(config.github().repositories());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Status status() {
        return status;
    }

    /** Starts a backfill from {@code since}; false when one is already running. */
    public synchronized boolean start(LocalDate since) {
        if ("running".equals(status.state())) {
            return false;
        }
        status = new Status("running", since, Instant.now(), null, 0, 0, 0, null);
        worker.submit(() -> run(since));
        return true;
    }

    private void run(LocalDate since) {
        Instant from = since.atStartOfDay().toInstant(ZoneOffset.UTC);
        long read = Instant.now().getEpochSecond();
        try {
            for (String repository : config.github().repositories()) {
                String url = config.github().apiUrl().replaceAll("/+$", "") + "/repos/" + repository.strip()
                        + "/pulls?state=closed&sort=updated&direction=desc&per_page=100";
                while (url != null) {
                    HttpResponse<String> page = get(url);
                    JsonNode pulls = EventJson.mapper().readTree(page.body());
                    if (!pulls.isArray()) {
                        throw new IOException("GitHub answered " + url + " with something else than a list of pull requests");
                    }
                    boolean older = false;
                    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
                    for (JsonNode pr : pulls) {
                        Instant updated = instant(pr.path("updated_at"));
                        if (updated != null && updated.isBefore(from)) {
                            older = true; // sorted by update, newest first: the rest is older still
                            continue;
                        }
                        PullRequestEvents.Outcome outcome = events.fromApi(repository.strip(), pr, "backfill:" + read);
                        PullRequestMerged merged = outcome.merged();
                        if (merged != null && merged.mergedAt() != null && !merged.mergedAt().isBefore(from)
                                && PullRequestMergedRules.check(merged, Instant.now()).isEmpty()) {
                            sent.add(publisher.publish(Topics.ENGINEERING_PULL_REQUESTS_V1, merged.key(), merged));
                        }
                    }
                    publisher.awaitAll(sent);
                    Status s = status;
                    status = new Status("running", since, s.startedAt(), null, s.pages() + 1, s.published() + sent.size(),
                            s.rateLimitWaits(), null);
                    url = older ? null : next(page);
                }
            }
            Status s = status;
            status = new Status("done", since, s.startedAt(), Instant.now(), s.pages(), s.published(), s.rateLimitWaits(),
                    null);
            LOG.infof("GitHub backfill since %s done: %d pages, %d merged pull requests published", since, s.pages(),
                    s.published());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Status s = status;
            status = new Status("failed", since, s.startedAt(), Instant.now(), s.pages(), s.published(),
                    s.rateLimitWaits(), e.getMessage());
            LOG.warnf("GitHub backfill since %s failed after %d pages: %s", since, s.pages(), e.getMessage());
        }
    }

    /** One page, waiting out rate limits (within bounds) and retrying server errors a few times. */
    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        int serverErrors = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.github().requestTimeout())
                    .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                    .header("User-Agent", "growth-metrics-snapshot-collector");
            config.github().token().map(String::strip).filter(t -> !t.isEmpty())
                    .ifPresent(token -> request.header("Authorization", "Bearer " + token));
            HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            int code = response.statusCode();
            if (code == 200) {
                return response;
            }
            Optional<Duration> wait = rateLimitWait(response);
            if (wait.isPresent()) {
                if (wait.get().compareTo(config.github().maxRateLimitWait()) > 0) {
                    throw new IOException("GitHub's rate limit is exhausted for " + wait.get().toSeconds() + " s more, "
                            + "longer than snapshot.github.max-rate-limit-wait; run the backfill again later (with a "
                            + "GITHUB_TOKEN the limit is higher)");
                }
                Status s = status;
                status = new Status(s.state(), s.since(), s.startedAt(), null, s.pages(), s.published(),
                        s.rateLimitWaits() + 1, null);
                LOG.infof("GitHub rate limit reached; waiting %d s", wait.get().toSeconds());
                Thread.sleep(wait.get().toMillis());
                continue;
            }
            if (code >= 500 && ++serverErrors < SERVER_ERROR_ATTEMPTS) {
                Thread.sleep(1000L * serverErrors);
                continue;
            }
            throw new IOException("GitHub answered " + code + " for " + url
                    + (code == 401 || code == 403 ? " (check GITHUB_TOKEN)" : code == 404 ? " (is the repository name right?)" : ""));
        }
    }

    /** How long a rate-limit reply asks to wait, if it is one. */
    static Optional<Duration> rateLimitWait(HttpResponse<String> response) {
        int code = response.statusCode();
        if (code != 403 && code != 429) {
            return Optional.empty();
        }
        Optional<String> retryAfter = response.headers().firstValue("retry-after");
        if (retryAfter.isPresent() && retryAfter.get().strip().matches("\\d{1,6}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.get().strip())));
        }
        if ("0".equals(response.headers().firstValue("x-ratelimit-remaining").orElse(null))) {
            String reset = response.headers().firstValue("x-ratelimit-reset").orElse("");
            if (reset.strip().matches("\\d{1,12}")) {
                long seconds = Long.parseLong(reset.strip()) - Instant.now().getEpochSecond() + 1;
                return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
            }
            return Optional.of(Duration.ofSeconds(60));
        }
        return Optional.empty();
    }

    private static String next(HttpResponse<String> response) {
        for (String link : response.headers().allValues("link")) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.textValue()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
