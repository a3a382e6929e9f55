package io.growthmetrics.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Constant-time token comparison. Both sides are first reduced to their SHA-256 digests (32 bytes each), then
 * compared with {@link MessageDigest#isEqual}: the time taken says nothing about how much of a guess was right,
 * nor about the real token's length (a token of another length costs the same as one of the right length).
 */
public final class TokenComparison {

    private TokenComparison() {
    }

    public static boolean matches(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
