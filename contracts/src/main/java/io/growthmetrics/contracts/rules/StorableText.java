package io.growthmetrics.contracts.rules;

/**
 * What PostgreSQL can store as text: no NUL character (neither {@code text}/{@code varchar} nor {@code jsonb} takes
 * one, SQLState 22021/22P05), no unpaired UTF-16 surrogate (not encodable in UTF-8), and no more characters (code
 * points, as {@code varchar(n)} counts them) than the column holds.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Null when {@code value} can be stored in a column of {@code maxLength} characters; otherwise what is wrong. */
    public static String problem(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String content = problem(value);
        if (content != null) {
            return content;
        }
        // Cheap first: a string of at most maxLength UTF-16 units has at most maxLength code points.
        if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
            return "is longer than " + maxLength + " characters";
        }
        return null;
    }

    /**
     * Null when {@code bytes} are well-formed UTF-8; otherwise what is wrong, with the offset. Stricter than Jackson's
     * parser, which takes overlong forms ({@code C0 80} becomes NUL) and sequences beyond U+10FFFF: check a body with
     * this before parsing it.
     */
    public static String utf8Problem(byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.min(bytes.length, 8192) + 16);
        while (true) {
            java.nio.charset.CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return "is not valid UTF-8 (byte " + in.position() + ")";
            }
            if (result.isUnderflow()) {
                result = decoder.flush(out);
                if (result.isError()) {
                    return "is not valid UTF-8 (byte " + in.position() + ")";
                }
                return null;
            }
            out.clear();
        }
    }

    /** Null when {@code value} has no NUL character and no unpaired surrogate; otherwise what is wrong. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character (\\u0000) at position " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate at position " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate at position " + i;
            }
        }
        return null;
    }
}
