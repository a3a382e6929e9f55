package io.growthmetrics.contracts.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of malformed and hostile JSON (our own, on {@link Random}; no property-testing library): strings
 * PostgreSQL cannot store (NUL, unpaired surrogates, far too long), numbers beyond any column ({@code 1e200000}),
 * wrong types, deep nesting, out-of-range dates, duplicate keys, invalid UTF-8, empty and truncated bodies. A body is
 * a valid object with one to three of its fields mutated, or (now and then) raw bytes that are not JSON at all.
 * <p>
 * Tries: {@code -Dhostile.tries} (default {@link #DEFAULT_TRIES}); seed: {@code -Dhostile.seed} (default
 * {@link #DEFAULT_SEED}). Try {@code i} uses {@code new Random(seed * 1_000_003 + i)}, so a failure is replayed by
 * its seed and try alone.
 */
public final class HostileJson {

    public static final int DEFAULT_TRIES = 2000;
    public static final long DEFAULT_SEED = 20261129L;

    private HostileJson() {
    }

    public static int tries() {
        return Integer.getInteger("hostile.tries", DEFAULT_TRIES);
    }

    public static long seed() {
        return Long.getLong("hostile.seed", DEFAULT_SEED);
    }

    /** The generator of try {@code i}. */
    public static Random random(int i) {
        return new Random(seed() * 1_000_003L + i);
    }

    /** Names the seed and the try, to put in front of an assertion message. */
    public static String where(int i) {
        return "[hostile.seed=" + seed() + ", try " + i + "] ";
    }

    private static final String[] STRINGS_WE_SHOULD_BE_FINE_WITH = {
            "'; DROP TABLE snapshot_metric; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd",
            "😀", "é", " ", "\t", "%00", "\\u0000", "null", "true", "0", "-1", "1e309"};

    /** A JSON string literal (quotes included) that is hostile in some way. */
    public static String string(Random r) {
        return switch (r.nextInt(11)) {
            case 0 -> literal("a\u0000b");
            case 1 -> literal("\u0000");
            case 2 -> literal("x\uD800y");
            case 3 -> literal("\uDC00");
            case 4 -> literal("end\uD83D");
            case 5 -> literal("x".repeat(200 + r.nextInt(400)));
            case 6 -> literal("y".repeat(5_000 + r.nextInt(100_000)));
            case 7 -> literal("");
            case 8 -> literal(STRINGS_WE_SHOULD_BE_FINE_WITH[r.nextInt(STRINGS_WE_SHOULD_BE_FINE_WITH.length)]);
            case 9 -> literal(randomText(r, 1 + r.nextInt(300)));
            default -> "\"\\uZZZZ\""; // an invalid escape
        };
    }

    /** A JSON number literal that is hostile in some way (or a literal that looks like one but is not). */
    public static String number(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "1e200000";
            case 1 -> "-1e200000";
            case 2 -> "1e-200000";
            case 3 -> "9".repeat(39 + r.nextInt(60));
            case 4 -> "0." + "1".repeat(19 + r.nextInt(60));
            case 5 -> "1" + "0".repeat(2_000 + r.nextInt(3_000)); // beyond Jackson's number length limit
            case 6 -> "NaN";
            case 7 -> "Infinity";
            case 8 -> "-0";
            case 9 -> "1.5e308";
            case 10 -> Long.toString(r.nextLong());
            default -> "0x1F";
        };
    }

    /** An instant as a JSON literal, hostile in some way. */
    public static String instant(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> literal("0000-01-01T00:00:00Z");
            case 1 -> literal("9999-12-31T23:59:59Z");
            case 2 -> literal("+10000-01-01T00:00:00Z");
            case 3 -> literal("-999999999-01-01T00:00:00Z");
            case 4 -> literal("2026-13-01T00:00:00Z");
            case 5 -> literal("2019-12-31T23:59:59Z");
            case 6 -> literal("2026-11-22");
            case 7 -> Long.toString(r.nextLong());
            case 8 -> literal("2026-11-22T10:00:00Z\u0000");
            default -> literal("");
        };
    }

    /** A date ({@code YYYY-MM-DD}) as a JSON literal, hostile in some way. */
    public static String date(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> literal("0000-01-01");
            case 1 -> literal("10000-01-01");
            case 2 -> literal("+10000-01-01");
            case 3 -> literal("9999-12-31");
            case 4 -> literal("2026-02-30");
            case 5 -> literal("1899-12-31");
            case 6 -> literal("-0001-01-01");
            case 7 -> literal("2026-11-22T00:00:00Z");
            default -> literal("2101-01-01");
        };
    }

    /** Any JSON value of the wrong kind, or a hostile one of the right kind. */
    public static String value(Random r) {
        return switch (r.nextInt(10)) {
            case 0, 1 -> string(r);
            case 2, 3 -> number(r);
            case 4 -> r.nextBoolean() ? "true" : "false";
            case 5 -> "null";
            case 6 -> "[" + string(r) + "," + number(r) + "]";
            case 7 -> "{\"a\":" + string(r) + "}";
            case 8 -> nested(r, 1 + r.nextInt(r.nextBoolean() ? 20 : 3000));
            default -> "{}";
        };
    }

    /** {@code depth} arrays or objects inside each other. */
    public static String nested(Random r, int depth) {
        boolean arrays = r.nextBoolean();
        return (arrays ? "[" : "{\"k\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
    }

    /** A JSON object of many entries (e.g. labels). */
    public static String manyEntries(Random r, int count, int valueLength) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(literal("k" + i)).append(':')
                    .append(literal("v".repeat(Math.max(1, valueLength))));
        }
        return sb.append('}').toString();
    }

    /**
     * A body: the valid {@code fields} (name → JSON literal, in order) with one to three mutations by
     * {@code hostileFor} (given the field's name, a hostile literal for it), a field dropped, an unknown or duplicated
     * one added; or, one time in eight, bytes that are not a JSON object at all.
     */
    public static byte[] body(Random r, Map<String, String> fields, java.util.function.BiFunction<Random, String, String> hostileFor) {
        if (r.nextInt(8) == 0) {
            return raw(r, fields);
        }
        Map<String, String> body = new LinkedHashMap<>(fields);
        List<String> names = new ArrayList<>(fields.keySet());
        List<String[]> extra = new ArrayList<>();
        int mutations = 1 + r.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            String name = names.get(r.nextInt(names.size()));
            switch (r.nextInt(10)) {
                case 0 -> body.remove(name);
                case 1 -> extra.add(new String[] {name, hostileFor.apply(r, name)}); // a duplicate key
                case 2 -> extra.add(new String[] {randomText(r, 1 + r.nextInt(20)), value(r)});
                case 3 -> body.put(name, value(r));
                default -> body.put(name, hostileFor.apply(r, name));
            }
        }
        StringBuilder sb = new StringBuilder("{");
        body.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ",").append(literal(k)).append(':').append(v));
        extra.forEach(e -> sb.append(sb.length() == 1 ? "" : ",").append(literal(e[0])).append(':').append(e[1]));
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] raw(Random r, Map<String, String> fields) {
        StringBuilder valid = new StringBuilder("{");
        fields.forEach((k, v) -> valid.append(valid.length() == 1 ? "" : ",").append(literal(k)).append(':').append(v));
        String object = valid.append('}').toString();
        return switch (r.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> object.substring(0, r.nextInt(object.length())).getBytes(StandardCharsets.UTF_8);
            case 2 -> invalidUtf8(object);
            case 3 -> "null".getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[" + object + "," + object + "]").getBytes(StandardCharsets.UTF_8); // an array (may be allowed)
            case 5 -> nested(r, 5_000 + r.nextInt(5_000)).getBytes(StandardCharsets.UTF_8);
            case 6 -> (object + object).getBytes(StandardCharsets.UTF_8); // trailing tokens
            case 7 -> ("\uFEFF" + object).getBytes(StandardCharsets.UTF_8);
            case 8 -> object.getBytes(StandardCharsets.UTF_16);
            case 9 -> randomText(r, r.nextInt(200)).getBytes(StandardCharsets.UTF_8);
            case 10 -> "[]".getBytes(StandardCharsets.UTF_8);
            default -> (" ".repeat(r.nextInt(10)) + number(r)).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** The object's bytes with a byte no UTF-8 text contains put inside its first string. */
    private static byte[] invalidUtf8(String object) {
        byte[] bytes = object.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean done = false;
        for (int i = 0; i < bytes.length; i++) {
            out.write(bytes[i]);
            if (!done && bytes[i] == '"' && i > 0) {
                out.write(0xC3);
                out.write(0x28); // an invalid two-byte sequence
                out.write(0xFF);
                done = true;
            }
        }
        return out.toByteArray();
    }

    /** Random code points, control characters and surrogate halves included. */
    public static String randomText(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append((char) r.nextInt(0x20));
                case 1 -> sb.append((char) (0xD800 + r.nextInt(0x800)));
                case 2 -> sb.appendCodePoint(0x1F600 + r.nextInt(80));
                default -> sb.append((char) (0x20 + r.nextInt(0x5F)));
            }
        }
        return sb.toString();
    }

    /** A JSON string literal; control characters and every surrogate escaped (so the bytes stay valid UTF-8). */
    public static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
