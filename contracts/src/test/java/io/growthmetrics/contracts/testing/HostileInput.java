package io.growthmetrics.contracts.testing;

import io.growthmetrics.contracts.rules.JsonLimits;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hostile JSON bodies, generated from a good body (a template) and {@link Gen}: every body returned by
 * {@link #next()} must be refused by an endpoint that accepts the template and applies the given {@link Bounds}.
 * The template is a tree of {@code Map<String, Object>} (ordered), {@code List}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}; hostile values replace one of its fields, or the whole body is hostile.
 *
 * <pre>
 * HostileInput hostile = new HostileInput(Gen.fromSystemProperties(), template, HostileInput.Bounds.DEFAULT)
 *         .required("instanceId");
 * for (int i = 0; i &lt; Gen.tries(10_000); i++) {
 *     HostileInput.Case c = hostile.next();
 *     // POST c.body() with c.contentType(); expect 4xx, message naming c.kind() and hostile.gen().where(i)
 * }
 * </pre>
 */
public final class HostileInput {

    /** What makes a case hostile. */
    public enum Kind {
        EMPTY_BODY, WHITESPACE_BODY, TOP_LEVEL_ARRAY, TOP_LEVEL_SCALAR, NOT_JSON, TRUNCATED, TRAILING_GARBAGE,
        DEEP_NESTING, DUPLICATE_KEY, INVALID_UTF8, RAW_CONTROL_CHARACTER, NUL_IN_VALUE, NUL_IN_KEY,
        LONE_SURROGATE_IN_VALUE, LONE_SURROGATE_IN_KEY, HUGE_STRING, HUGE_KEY, HUGE_NUMBER, NAN_TOKEN, WRONG_TYPE,
        TOO_MANY_KEYS, HUGE_BODY, MISSING_REQUIRED
    }

    /**
     * The limits the endpoint under test applies; generated values lie beyond them.
     *
     * @param maxDepth        containers inside containers
     * @param maxStringLength characters of any string (columns are at most this wide)
     * @param maxKeyLength    characters of a key
     * @param maxKeys         keys of one object
     * @param maxBodyBytes    bytes of a body
     */
    public record Bounds(int maxDepth, int maxStringLength, int maxKeyLength, int maxKeys, int maxBodyBytes) {
        /** {@link JsonLimits#DEFAULT}'s depth and lengths, 1,000 keys, 1 MiB bodies. */
        public static final Bounds DEFAULT = new Bounds(JsonLimits.DEFAULT.maxDepth(), JsonLimits.DEFAULT.maxStringLength(),
                JsonLimits.DEFAULT.maxKeyLength(), 1000, 1 << 20);
    }

    /** One hostile body: its kind, a short description (no huge content), the bytes and the content type to send. */
    public record Case(Kind kind, String description, byte[] body, String contentType) {
        @Override
        public String toString() {
            return kind + " (" + description + ", " + body.length + " bytes, Content-Type " + contentType + ")";
        }
    }

    /** A hostile value for a field: raw JSON bytes and what it is. */
    public record Value(Kind kind, String description, byte[] json) {
    }

    /** Content types a client may send, right and wrong; an endpoint that accepts any must judge the body alone. */
    public static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "text/plain; charset=ISO-8859-1", "application/x-www-form-urlencoded", "application/xml",
            "application/octet-stream", "multipart/form-data; boundary=xyz", "application/problem+json",
            "application/json; charset=UTF-16", "image/png", "application/vnd.api+json", "text/html");

    private final Gen gen;
    private final Map<String, Object> template;
    private final Bounds bounds;
    private final List<String> required = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
    private List<String> contentTypes = List.of("application/json");

    public HostileInput(Gen gen, Map<String, Object> template, Bounds bounds) {
        this.gen = Objects.requireNonNull(gen);
        this.template = Objects.requireNonNull(template);
        this.bounds = Objects.requireNonNull(bounds);
        collectPaths("", template);
        kinds.remove(Kind.MISSING_REQUIRED);
    }

    /** Top-level fields the endpoint requires (and refuses when absent, null or blank). */
    public HostileInput required(String... fields) {
        required.addAll(List.of(fields));
        if (!kinds.contains(Kind.MISSING_REQUIRED)) {
            kinds.add(Kind.MISSING_REQUIRED);
        }
        return this;
    }

    /** Content types to pick from for each case (default only {@code application/json}); see {@link #CONTENT_TYPES}. */
    public HostileInput contentTypes(List<String> types) {
        this.contentTypes = List.copyOf(types);
        return this;
    }

    /** Leaves out kinds the endpoint does not judge (e.g. {@link Kind#HUGE_BODY} when there is no body limit). */
    public HostileInput without(Kind... excluded) {
        kinds.removeAll(List.of(excluded));
        return this;
    }

    public Gen gen() {
        return gen;
    }

    /** The dotted paths of the template's fields (objects included), e.g. {@code platform.counts.users}. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** The template as UTF-8 JSON. */
    public byte[] good() {
        return write(template);
    }

    /** A hostile case of a random kind. */
    public Case next() {
        return next(gen.pick(kinds));
    }

    /** A hostile case of the given kind. */
    public Case next(Kind kind) {
        String contentType = gen.pick(contentTypes);
        return switch (kind) {
            case EMPTY_BODY -> new Case(kind, "no bytes", new byte[0], contentType);
            case WHITESPACE_BODY -> new Case(kind, "whitespace only", Gen.utf8(gen.pick(" ", "\n", "\r\n\t ", "   ")),
                    contentType);
            case TOP_LEVEL_ARRAY -> new Case(kind, "an array at the top",
                    gen.chance(0.5) ? Gen.concat("[", good(), "]") : Gen.utf8(gen.arrayJson(gen.between(0, 5))),
                    contentType);
            case TOP_LEVEL_SCALAR -> {
                String scalar = gen.pick("null", "true", "0", "\"text\"", "-1", "1e5", Gen.jsonString(gen.word(1, 9)));
                yield new Case(kind, "a scalar at the top: " + scalar, Gen.utf8(scalar), contentType);
            }
            case NOT_JSON -> {
                String text = gen.pick("instanceId=abc&x=1", "<ping><instanceId>x</instanceId></ping>", "{instanceId:x}",
                        "{'instanceId':'x'}", "{\"instanceId\" \"x\"}", "{\"a\":1,}", "{,}", "}", "{", "\u0000", "PNG\r\n",
                        "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--", "{\"a\":01}",
                        "{\"a\":\"x\" \"b\":1}", "// comment\n{}", "{\"a\":'x'}");
                yield new Case(kind, "not JSON: " + abbreviate(text), Gen.utf8(text), contentType);
            }
            case TRUNCATED -> {
                byte[] good = good();
                int cut = gen.between(1, Math.max(1, good.length - 1));
                byte[] body = new byte[cut];
                System.arraycopy(good, 0, body, 0, cut);
                yield new Case(kind, "cut after " + cut + " of " + good.length + " bytes", body, contentType);
            }
            case TRAILING_GARBAGE -> {
                String tail = gen.pick("x", "}", "{}", "]", ",", "garbage", "\"", "{\"instanceId\":\"other\"}");
                yield new Case(kind, "followed by " + tail, Gen.concat(good(), tail), contentType);
            }
            case DEEP_NESTING -> {
                int depth = gen.chance(0.7) ? gen.between(bounds.maxDepth + 1, bounds.maxDepth + 50)
                        : gen.between(1000, 100_000);
                yield fieldCase(kind, "nested " + depth + " levels", Gen.utf8(gen.deepJson(depth, "1")), contentType);
            }
            case DUPLICATE_KEY -> duplicateKey(contentType);
            case INVALID_UTF8 -> {
                byte[] bad = gen.invalidUtf8StringJson();
                if (gen.chance(0.3)) {
                    yield keyCase(kind, "an invalid UTF-8 sequence in a key", bad, Gen.utf8("1"), contentType);
                }
                yield fieldCase(kind, "an invalid UTF-8 sequence in a string", bad, contentType);
            }
            case RAW_CONTROL_CHARACTER -> fieldCase(kind, "a raw (unescaped) NUL in a string",
                    Gen.utf8(gen.rawNulStringJson()), contentType);
            case NUL_IN_VALUE -> fieldCase(kind, "an escaped NUL in a string", Gen.utf8(Gen.jsonString(gen.withNul())),
                    contentType);
            case NUL_IN_KEY -> keyCase(kind, "an escaped NUL in a key", Gen.utf8(Gen.jsonString(gen.withNul())),
                    Gen.utf8(Gen.jsonString(gen.word(1, 5))), contentType);
            case LONE_SURROGATE_IN_VALUE -> fieldCase(kind, "an unpaired surrogate in a string",
                    Gen.utf8(Gen.jsonString(gen.withLoneSurrogate())), contentType);
            case LONE_SURROGATE_IN_KEY -> keyCase(kind, "an unpaired surrogate in a key",
                    Gen.utf8(Gen.jsonString(gen.withLoneSurrogate())), Gen.utf8("true"), contentType);
            case HUGE_STRING -> {
                int length = gen.chance(0.8) ? gen.between(bounds.maxStringLength + 1, bounds.maxStringLength * 4)
                        : gen.between(bounds.maxStringLength * 4, Math.max(bounds.maxStringLength * 4, bounds.maxBodyBytes / 2));
                yield fieldCase(kind, "a string of " + length + " characters",
                        Gen.utf8(Gen.jsonString(gen.huge(length, gen.chance(0.3)))), contentType);
            }
            case HUGE_KEY -> {
                int length = gen.between(bounds.maxKeyLength + 1, bounds.maxKeyLength * 20);
                yield keyCase(kind, "a key of " + length + " characters", Gen.utf8(Gen.jsonString(gen.huge(length, false))),
                        Gen.utf8("1"), contentType);
            }
            case HUGE_NUMBER -> {
                String number = gen.hugeNumberToken();
                yield fieldCase(kind, "the number " + abbreviate(number), Gen.utf8(number), contentType);
            }
            case NAN_TOKEN -> {
                String token = gen.nanLikeToken();
                yield fieldCase(kind, "the token " + token, Gen.utf8(token), contentType);
            }
            case WRONG_TYPE -> wrongType(contentType);
            case TOO_MANY_KEYS -> {
                int n = gen.between(bounds.maxKeys + 1, bounds.maxKeys * 3);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
                }
                byte[] good = good();
                // {"k0":0,…, <the template's fields>}
                byte[] body = Gen.concat("{", sb.toString(), good.length > 2 ? "," : "",
                        new String(good, 1, good.length - 1, StandardCharsets.UTF_8));
                yield new Case(kind, n + " extra keys", body, contentType);
            }
            case HUGE_BODY -> {
                int length = bounds.maxBodyBytes + gen.between(1, 4096);
                byte[] good = good();
                byte[] body = Gen.concat(new String(good, 0, good.length - 1, StandardCharsets.UTF_8),
                        good.length > 2 ? "," : "", "\"padding\":", Gen.jsonString("p".repeat(length)), "}");
                yield new Case(kind, "a body of " + body.length + " bytes", body, contentType);
            }
            case MISSING_REQUIRED -> {
                String field = gen.pick(required);
                Map<String, Object> copy = new LinkedHashMap<>(template);
                String how;
                switch (gen.between(0, 3)) {
                    case 0 -> {
                        copy.remove(field);
                        how = "left out";
                    }
                    case 1 -> {
                        copy.put(field, null);
                        how = "null";
                    }
                    case 2 -> {
                        copy.put(field, "");
                        how = "empty";
                    }
                    default -> {
                        copy.put(field, " ".repeat(gen.between(1, 5)));
                        how = "blank";
                    }
                }
                yield new Case(kind, "'" + field + "' " + how, write(copy), contentType);
            }
        };
    }

    /**
     * A hostile value for a field whose good value is {@code goodValue} (its type decides what is hostile): NUL, lone
     * surrogates, huge strings and wrong types for text; huge numbers, NaN-like tokens and wrong types for numbers;
     * wrong types and deep nesting for objects and arrays.
     */
    public Value hostileValue(Object goodValue) {
        List<Kind> options = new ArrayList<>(List.of(Kind.WRONG_TYPE, Kind.DEEP_NESTING));
        if (goodValue instanceof String) {
            options.addAll(List.of(Kind.NUL_IN_VALUE, Kind.LONE_SURROGATE_IN_VALUE, Kind.HUGE_STRING,
                    Kind.RAW_CONTROL_CHARACTER, Kind.INVALID_UTF8));
        } else if (goodValue instanceof Number) {
            options.addAll(List.of(Kind.HUGE_NUMBER, Kind.NAN_TOKEN));
        }
        Kind kind = gen.pick(options);
        return switch (kind) {
            case NUL_IN_VALUE -> new Value(kind, "an escaped NUL", Gen.utf8(Gen.jsonString(gen.withNul())));
            case LONE_SURROGATE_IN_VALUE -> new Value(kind, "an unpaired surrogate",
                    Gen.utf8(Gen.jsonString(gen.withLoneSurrogate())));
            case HUGE_STRING -> {
                int length = gen.between(bounds.maxStringLength + 1, bounds.maxStringLength * 4);
                yield new Value(kind, length + " characters", Gen.utf8(Gen.jsonString(gen.huge(length, gen.chance(0.3)))));
            }
            case RAW_CONTROL_CHARACTER -> new Value(kind, "a raw NUL", Gen.utf8(gen.rawNulStringJson()));
            case INVALID_UTF8 -> new Value(kind, "invalid UTF-8", gen.invalidUtf8StringJson());
            case HUGE_NUMBER -> {
                String n = gen.hugeNumberToken();
                yield new Value(kind, abbreviate(n), Gen.utf8(n));
            }
            case NAN_TOKEN -> {
                String t = gen.nanLikeToken();
                yield new Value(kind, t, Gen.utf8(t));
            }
            case DEEP_NESTING -> {
                int depth = gen.between(bounds.maxDepth + 1, bounds.maxDepth + 40);
                yield new Value(kind, depth + " levels", Gen.utf8(gen.deepJson(depth, "0")));
            }
            default -> {
                String wrong = wrongTypeFor(goodValue);
                yield new Value(Kind.WRONG_TYPE, abbreviate(wrong), Gen.utf8(wrong));
            }
        };
    }

    /** A JSON value of a type other than {@code goodValue}'s (and one a lenient parser would not coerce). */
    public String wrongTypeFor(Object goodValue) {
        List<String> options = new ArrayList<>();
        options.add("[" + Gen.jsonString(gen.word(1, 5)) + "]");
        options.add("[]");
        if (!(goodValue instanceof Map)) {
            options.add("{\"value\":" + Gen.jsonString(gen.word(1, 5)) + "}");
            options.add("{}");
        }
        if (goodValue instanceof String) {
            options.add("true");
            options.add("false");
        }
        if (goodValue instanceof Number) {
            options.add(Gen.jsonString("x" + gen.word(0, 8)));
            options.add("true");
            options.add("{}");
        }
        if (goodValue instanceof Map || goodValue instanceof List) {
            options.add(Gen.jsonString("x" + gen.word(0, 8)));
            options.add(Integer.toString(gen.random().nextInt()));
            options.add("true");
        }
        if (goodValue instanceof Boolean) {
            options.add(Gen.jsonString("x" + gen.word(0, 8)));
            options.add("{}");
        }
        return gen.pick(options);
    }

    // ---- internals ----

    private Case wrongType(String contentType) {
        List<String> typed = paths.stream().filter(p -> valueAt(p) != null).toList();
        if (typed.isEmpty()) {
            return next(Kind.TOP_LEVEL_ARRAY);
        }
        String path = gen.pick(typed);
        String wrong = wrongTypeFor(valueAt(path));
        return new Case(Kind.WRONG_TYPE, "'" + path + "' = " + abbreviate(wrong), write(replaced(path, new Raw(Gen.utf8(wrong)))),
                contentType);
    }

    /** Puts a hostile value into a known field (typed or not), or into a new key at some object of the template. */
    private Case fieldCase(Kind kind, String description, byte[] value, String contentType) {
        if (!paths.isEmpty() && gen.chance(0.6)) {
            String path = gen.pick(paths);
            return new Case(kind, description + " in '" + path + "'", write(replaced(path, new Raw(value))), contentType);
        }
        String parent = objectPath();
        String key = "x" + gen.word(1, 6);
        return new Case(kind, description + " in new key '" + (parent.isEmpty() ? key : parent + "." + key) + "'",
                write(withKey(parent, new Raw(Gen.utf8(Gen.jsonString(key))), new Raw(value))), contentType);
    }

    private Case keyCase(Kind kind, String description, byte[] key, byte[] value, String contentType) {
        String parent = objectPath();
        return new Case(kind, description + (parent.isEmpty() ? " at the top" : " in '" + parent + "'"),
                write(withKey(parent, new Raw(key), new Raw(value))), contentType);
    }

    private Case duplicateKey(String contentType) {
        List<String> leaves = paths.isEmpty() ? List.of() : paths;
        if (leaves.isEmpty()) {
            byte[] body = Gen.utf8("{\"a\":1,\"a\":2}");
            return new Case(Kind.DUPLICATE_KEY, "'a' twice", body, contentType);
        }
        String path = gen.pick(leaves);
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        String key = dot < 0 ? path : path.substring(dot + 1);
        Object original = valueAt(path);
        byte[] second = gen.chance(0.5) ? write(original) : Gen.utf8(gen.anyValueJson());
        return new Case(Kind.DUPLICATE_KEY, "'" + path + "' twice",
                write(withKey(parent, new Raw(Gen.utf8(Gen.jsonString(key))), new Raw(second))), contentType);
    }

    private String objectPath() {
        List<String> objects = new ArrayList<>();
        objects.add("");
        for (String p : paths) {
            if (valueAt(p) instanceof Map) {
                objects.add(p);
            }
        }
        return gen.pick(objects);
    }

    private void collectPaths(String prefix, Map<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            paths.add(path);
            if (e.getValue() instanceof Map<?, ?> inner) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) inner;
                collectPaths(path, m);
            }
        }
    }

    private Object valueAt(String path) {
        Object node = template;
        for (String part : path.split("\\.")) {
            node = ((Map<?, ?>) node).get(part);
        }
        return node;
    }

    /** A deep copy of the template with {@code path}'s value replaced. */
    private Map<String, Object> replaced(String path, Object value) {
        Map<String, Object> copy = deepCopy(template);
        String[] parts = path.split("\\.");
        Map<String, Object> node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            node = asMap(node.get(parts[i]));
        }
        node.put(parts[parts.length - 1], value);
        return copy;
    }

    /** A deep copy of the template with one more (raw) key appended to the object at {@code parent}. */
    private Map<String, Object> withKey(String parent, Raw key, Raw value) {
        Map<String, Object> copy = deepCopy(template);
        Map<String, Object> node = copy;
        if (!parent.isEmpty()) {
            for (String part : parent.split("\\.")) {
                node = asMap(node.get(part));
            }
        }
        node.put(RAW_KEY_PREFIX + System.identityHashCode(key), new RawEntry(key, value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v) : v));
        return copy;
    }

    private static final String RAW_KEY_PREFIX = "\u0000raw-entry:";

    private record Raw(byte[] json) {
    }

    private record RawEntry(Raw key, Raw value) {
    }

    /** Writes a template-like tree as UTF-8 JSON; {@link Raw} values and {@link RawEntry} members go in verbatim. */
    public static byte[] write(Object tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(tree, out);
        return out.toByteArray();
    }

    private static void write(Object node, ByteArrayOutputStream out) {
        if (node == null) {
            out.writeBytes(Gen.utf8("null"));
        } else if (node instanceof Raw raw) {
            out.writeBytes(raw.json());
        } else if (node instanceof String s) {
            out.writeBytes(Gen.utf8(Gen.jsonString(s)));
        } else if (node instanceof Number || node instanceof Boolean) {
            out.writeBytes(Gen.utf8(node.toString()));
        } else if (node instanceof Map<?, ?> map) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                if (e.getValue() instanceof RawEntry entry) {
                    out.writeBytes(entry.key().json());
                    out.write(':');
                    out.writeBytes(entry.value().json());
                } else {
                    out.writeBytes(Gen.utf8(Gen.jsonString(String.valueOf(e.getKey()))));
                    out.write(':');
                    write(e.getValue(), out);
                }
            }
            out.write('}');
        } else if (node instanceof List<?> list) {
            out.write('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(list.get(i), out);
            }
            out.write(']');
        } else {
            throw new IllegalArgumentException("cannot write " + node.getClass());
        }
    }

    static String abbreviate(String s) {
        String safe = s.replace("\u0000", "\\u0000");
        return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…(" + s.length() + " chars)";
    }
}
