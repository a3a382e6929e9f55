package io.growthmetrics.ingest.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed hash (HMAC-SHA256) of a sender's IP address. The same address always gives the same hash under one
 * key, so senders can be told apart, but without the key the address cannot be recovered by trying all 2^32.
 */
public final class IpHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public IpHasher(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("The IP hash key must be at least 16 characters long");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The hex hash of the address, or null when there is none. */
    public String hash(String ipAddress) {
        if (ipAddress == null || ipAddress.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(ipAddress.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
