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
 * The two secrets the services need: the admin bearer token ({@code METRICS_ADMIN_TOKEN}, generated per run when
 * not set) and the key for hashing sender IPs ({@code TELEMETRY_IP_HASH_KEY}, created once per data folder and kept
 * in {@code ip-hash.key}, because hashes must stay comparable across restarts).
 */
public record Secrets(String adminToken, boolean adminTokenGenerated, String ipHashKey, String ipHashKeySource) {

    public static final String ADMIN_TOKEN_ENV = "METRICS_ADMIN_TOKEN";
    public static final String IP_HASH_KEY_ENV = "TELEMETRY_IP_HASH_KEY";

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
            if (Files.exists(keyFile)) {
                key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
            }
            if (key == null || key.isBlank()) {
                key = randomUrlSafe(32);
                Files.createDirectories(dataDir);
                Files.writeString(keyFile, key + "\n", StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
            }
        }
        return new Secrets(token, generated, key, source);
    }

    static String randomUrlSafe(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
