package io.growthmetrics.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenComparisonTest {

    @Test
    void onlyTheSameTokenMatches() {
        assertTrue(TokenComparison.matches("s3cret-token", "s3cret-token"));
        assertFalse(TokenComparison.matches("s3cret-tokem", "s3cret-token"));
        assertFalse(TokenComparison.matches("s3cret-token-and-more", "s3cret-token"));
        assertFalse(TokenComparison.matches("s3cret", "s3cret-token"));
        assertFalse(TokenComparison.matches("", "s3cret-token"));
        assertFalse(TokenComparison.matches(null, "s3cret-token"));
    }

    @Test
    void digestsAreOfOneLengthWhateverTheToken() {
        assertEquals(32, TokenComparison.sha256("").length);
        assertEquals(32, TokenComparison.sha256("x".repeat(10_000)).length);
    }

    @Test
    void bearerTokenIsReadCaseInsensitivelyFromTheScheme() {
        assertEquals("abc", AdminTokenMechanism.bearerToken("Bearer abc"));
        assertEquals("abc", AdminTokenMechanism.bearerToken("bearer  abc "));
        assertNull(AdminTokenMechanism.bearerToken("Basic abc"));
        assertNull(AdminTokenMechanism.bearerToken("Bearerabc"));
        assertNull(AdminTokenMechanism.bearerToken("Bearer "));
        assertNull(AdminTokenMechanism.bearerToken(null));
    }
}
