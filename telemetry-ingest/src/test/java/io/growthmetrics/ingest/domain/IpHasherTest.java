package io.growthmetrics.ingest.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IpHasherTest {

    @Test
    void sameAddressSameHashOtherKeyOtherHash() {
        IpHasher a = new IpHasher("0123456789abcdef-key-a");
        IpHasher b = new IpHasher("0123456789abcdef-key-b");
        assertEquals(a.hash("203.0.113.7"), a.hash("203.0.113.7"));
        assertNotEquals(a.hash("203.0.113.7"), a.hash("203.0.113.8"));
        assertNotEquals(a.hash("203.0.113.7"), b.hash("203.0.113.7"));
        assertEquals(64, a.hash("2001:db8::1").length());
        assertNull(a.hash(null));
        assertThrows(IllegalArgumentException.class, () -> new IpHasher("short"));
    }

    /** Pinned against `openssl dgst -sha256 -hmac KEY`: HMAC-SHA256 in hex. */
    @Test
    void isHmacSha256InHex() {
        assertEquals("7662c4cd8922a3adc0325eb683f7ded19f83bfeef8ea1cd61c59d71049b8cfe3", new IpHasher("0123456789abcdef-key-a").hash("203.0.113.7"));
    }
}
