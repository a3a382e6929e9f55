package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The secrets the services need: the admin bearer token ({@code METRICS_ADMIN_TOKEN}, generated per run when
 * not set), the key for hashing sender IPs ({@code TELEMETRY_IP_HASH_KEY}, created once per data folder and kept
 * in {@code ip-hash.key}, because hashes must stay comparable across restarts) and the Stripe webhook signing secret
 * ({@code STRIPE_WEBHOOK_SECRET}, likewise kept in {@code stripe-webhook.secret}; the demo signs its events with it),
 * and GitHub's webhook secret ({@code GITHUB_WEBHOOK_SECRET}, kept in {@code github-webhook.secret}; the demo signs
 * its merged pull requests with it).
 */
public record Secrets(String adminToken, boolean adminTokenGenerated, String ipHashKey, String ipHashKeySource,
                      String stripeWebhookSecret, String githubWebhookSecret) {

    public static final String ADMIN_TOKEN_ENV = "METRICS_ADMIN_TOKEN";
    public static final String IP_HASH_KEY_ENV = "TELEMETRY_IP_HASH_KEY";
    public static final String STRIPE_WEBHOOK_SECRET_ENV = "STRIPE_WEBHOOK_SECRET";
    public static final String GITHUB_WEBHOOK_SECRET_ENV = "GITHUB_WEBHOOK_SECRET";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static Secrets resolve(Map<String, String> env, Path dataDir) throws IOException {
        String token = env.get(ADMIN_TOKEN_ENV);
        boolean generated = token == null || token.isBlank();
        if (generated) {
            token = randomUrlSafe(32);
        }
        String key = env.get(IP_HASH_KEY_ENV);
        String source = "environment";
        if (key == null || key.isBlank()) {
            Path keyFile = dataDir.resolve("ip-hash.key");
            source = keyFile.toString();
            key = keptInFile(keyFile, "");
        }
        String webhookSecret = env.get(STRIPE_WEBHOOK_SECRET_ENV);
        if (webhookSecret == null || webhookSecret.isBlank()) {
            webhookSecret = keptInFile(dataDir.resolve("stripe-webhook.secret"), "whsec_");
        }
        String githubSecret = env.get(GITHUB_WEBHOOK_SECRET_ENV);
        if (githubSecret == null || githubSecret.isBlank()) {
            githubSecret = keptInFile(dataDir.resolve("github-webhook.secret"), "");
        }
        return new Secrets(token, generated, key, source, webhookSecret, githubSecret);
    }

    /** The secret kept in the file, or a new random one written there (readable by the owner only). */
    private static String keptInFile(Path file, String prefix) throws IOException {
        if (Files.exists(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!kept.isBlank()) {
                return kept;
            }
        }
        String secret = prefix + randomUrlSafe(32);
        Files.createDirectories(file.getParent());
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        return secret;
    }

    static String randomUrlSafe(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
