package io.growthmetrics.contracts.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of hostile pieces of input: strings with NUL and lone surrogates, huge strings, deep nesting, huge
 * numbers, NaN-like tokens, invalid UTF-8 byte sequences. Everything comes from one {@link Random}, so a failure is
 * reproduced by its seed ({@code -Dhostile.seed}) and try number; the number of tries comes from
 * {@code -Dhostile.tries}.
 *
 * <p>Fragments returned as {@code String} named {@code *Token} or {@code *Json} are raw JSON text, to be placed
 * verbatim in a body; the others are plain Java strings, to be encoded with {@link #jsonString(String)}.
 */
public final class Gen {

    /** The seed used when {@code -Dhostile.seed} is not given: runs are reproducible by default. */
    public static final long DEFAULT_SEED = 20260707L;

    private final long seed;
    private final Random random;

    public Gen(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A generator seeded from {@code -Dhostile.seed} (default {@link #DEFAULT_SEED}). */
    public static Gen fromSystemProperties() {
        return new Gen(seed());
    }

    public static long seed() {
        return Long.getLong("hostile.seed", DEFAULT_SEED);
    }

    /** {@code -Dhostile.tries}, or {@code defaultTries}. */
    public static int tries(int defaultTries) {
        return Integer.getInteger("hostile.tries", defaultTries);
    }

    public long seedValue() {
        return seed;
    }

    /** For a failure message: "seed 123, try 45" — rerun with {@code -Dhostile.seed=123}. */
    public String where(int attempt) {
        return "seed " + seed + ", try " + attempt + " (rerun with -Dhostile.seed=" + seed + ")";
    }

    public Random random() {
        return random;
    }

    public int between(int minInclusive, int maxInclusive) {
        return minInclusive + random.nextInt(maxInclusive - minInclusive + 1);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... items) {
        return items[random.nextInt(items.length)];
    }

    // ---- plain strings ----

    /** Letters and digits only: always fine. */
    public String word(int minLength, int maxLength) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int n = between(minLength, maxLength);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Valid but unusual text: accents, CJK, emoji (proper surrogate pairs), quotes, backslashes, control chars but no NUL. */
    public String validUnicode(int maxLength) {
        String[] pieces = {"é", "ß", "中文", "😀", "𝄞", "\"", "\\", "/", "\t", "\n", "\u0001", "\u001f", "\u2028", "\uFEFF",
                "' OR 1=1 --", "<script>", "${jndi:x}", "%s", " "};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < maxLength) {
            String piece = random.nextBoolean() ? word(1, 4) : pick(pieces);
            if (sb.length() + piece.length() > maxLength) {
                break;
            }
            sb.append(piece);
        }
        return sb.toString();
    }

    /** A string holding a NUL character (U+0000) at the start, the middle or the end. */
    public String withNul() {
        String w = word(0, 12);
        return switch (random.nextInt(4)) {
            case 0 -> "\u0000" + w;
            case 1 -> w + "\u0000";
            case 2 -> w.substring(0, w.length() / 2) + "\u0000" + w.substring(w.length() / 2);
            default -> "\u0000";
        };
    }

    /** A string holding an unpaired UTF-16 surrogate (high alone, low alone, or the pair reversed). */
    public String withLoneSurrogate() {
        char high = (char) between(0xD800, 0xDBFF);
        char low = (char) between(0xDC00, 0xDFFF);
        String w = word(0, 8);
        return switch (random.nextInt(4)) {
            case 0 -> w + high;
            case 1 -> low + w;
            case 2 -> w + low + high + w;
            default -> high + w;
        };
    }

    /** A string of {@code length} characters (ASCII, or multi-byte when {@code multiByte}). */
    public String huge(int length, boolean multiByte) {
        String unit = multiByte ? "é" : "x";
        return unit.repeat(length);
    }

    // ---- raw JSON fragments ----

    /** {@code s} as a JSON string literal; NUL and lone surrogates are written as {@code \\uXXXX} escapes. */
    public static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedAt(s, i)) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        sb.append(c).append(s.charAt(++i));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** A NUL written raw (a control character inside a string, which JSON forbids) rather than escaped. */
    public String rawNulStringJson() {
        return "\"" + word(0, 5) + "\u0000" + word(0, 5) + "\"";
    }

    /** Numbers no column stores: 1e200000, hundreds of digits, tiny exponents, or numbers longer than any parser allows. */
    public String hugeNumberToken() {
        return switch (random.nextInt(9)) {
            case 0 -> "1e200000";
            case 1 -> "-1e200000";
            case 2 -> "1E+" + between(39, 999_999);
            case 3 -> "9".repeat(between(40, 5000));
            case 4 -> "-" + "9".repeat(between(40, 400)) + "." + "9".repeat(between(1, 50));
            case 5 -> "0." + "0".repeat(between(40, 2000)) + "1";
            case 6 -> "1e-" + between(400, 999_999);
            case 7 -> "12345678901234567890123456789012345678901234567890";
            default -> "1" + "0".repeat(between(39, 100)) + ".5";
        };
    }

    /** Tokens that look like numbers to some parsers but are not JSON (or are the edge -0). */
    public String nanLikeToken() {
        return pick("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "+1", "01", "-01", ".5", "1.", "-", "1e", "1e+",
                "0x10", "1_000", "undefined", "nul", "tru", "True", "None", "--1", "1.2.3", "∞");
    }

    /** {@code -0} and friends: valid JSON, a corner for range checks. */
    public String negativeZeroToken() {
        return pick("-0", "-0.0", "-0e0", "0e-0", "-0E+5");
    }

    /** Arrays and objects nested {@code depth} levels deep, around {@code inner} (raw JSON). */
    public String deepJson(int depth, String inner) {
        StringBuilder sb = new StringBuilder(depth * 8 + inner.length());
        boolean[] kinds = new boolean[depth];
        for (int i = 0; i < depth; i++) {
            kinds[i] = random.nextBoolean();
            sb.append(kinds[i] ? "{\"a\":" : "[");
        }
        sb.append(inner);
        for (int i = depth - 1; i >= 0; i--) {
            sb.append(kinds[i] ? "}" : "]");
        }
        return sb.toString();
    }

    /** A JSON array of {@code n} small items. */
    public String arrayJson(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(random.nextBoolean() ? Integer.toString(random.nextInt(1000)) : jsonString(word(1, 6)));
        }
        return sb.append(']').toString();
    }

    /** A JSON value of a random type (for "wrong type" cases the caller filters out the right one). */
    public String anyValueJson() {
        return switch (random.nextInt(7)) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Integer.toString(random.nextInt());
            case 3 -> jsonString(word(1, 10));
            case 4 -> arrayJson(between(0, 3));
            case 5 -> "{}";
            default -> "{\"x\":" + random.nextInt(10) + "}";
        };
    }

    // ---- bytes ----

    /** A byte sequence that is not UTF-8: overlong encodings, stray continuation bytes, CESU surrogates, beyond U+10FFFF. */
    public byte[] invalidUtf8() {
        int[][] sequences = {
                {0xC0, 0x80},             // overlong NUL
                {0xC1, 0xBF},             // overlong
                {0xE0, 0x80, 0x80},       // overlong
                {0xED, 0xA0, 0x80},       // a UTF-16 surrogate encoded (CESU-8)
                {0xED, 0xBF, 0xBF},
                {0xF4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
                {0xF5, 0x80, 0x80, 0x80},
                {0xF8, 0x88, 0x80, 0x80, 0x80},
                {0xFF}, {0xFE}, {0x80}, {0xBF},
                {0xE2, 0x82},             // truncated
                {0xC3},                   // truncated
                {0xF0, 0x9F, 0x98},       // truncated emoji
        };
        int[] seq = sequences[random.nextInt(sequences.length)];
        byte[] out = new byte[seq.length];
        for (int i = 0; i < seq.length; i++) {
            out[i] = (byte) seq[i];
        }
        return out;
    }

    /** A JSON string literal (as bytes) whose content holds an invalid UTF-8 sequence. */
    public byte[] invalidUtf8StringJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("\"" + word(0, 6)).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(invalidUtf8());
        out.writeBytes((word(0, 6) + "\"").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenates pieces, each a {@code String} (written as UTF-8) or a {@code byte[]} (verbatim). */
    public static byte[] concat(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            if (piece instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                out.writeBytes(utf8(String.valueOf(piece)));
            }
        }
        return out.toByteArray();
    }
}
