package io.growthmetrics.ingest.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.growthmetrics.contracts.rules.StorableText;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a ping body under limits, before anything else looks at it: strict UTF-8 (Jackson alone takes overlong forms,
 * {@code C0 80} becoming NUL), nesting depth, string, key and number lengths (Jackson's stream constraints), duplicate
 * keys refused, nothing after the value, exact numbers ({@code 1e-999999} stays what it is rather than becoming 0),
 * and a bound on the keys of the whole body.
 */
public final class PingJson {

    private final ObjectReader reader;
    private final int maxKeys;
    private final int maxDepth;

    /**
     * @param maxDepth     containers below the top object
     * @param maxString    characters of a string value
     * @param maxKey       characters of a key
     * @param maxNumber    characters of a number
     * @param maxKeys      keys in the whole body
     */
    public PingJson(int maxDepth, int maxString, int maxKey, int maxNumber, int maxKeys) {
        this.maxDepth = maxDepth;
        this.maxKeys = maxKeys;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth + 1)
                        .maxStringLength(maxString)
                        .maxNameLength(maxKey)
                        .maxNumberLength(maxNumber)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.reader = new ObjectMapper(factory).reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The body as a JSON object. */
    public JsonNode read(byte[] body) throws InvalidPingException {
        if (body.length == 0 || isBlank(body)) {
            throw new InvalidPingException("Missing request body: a ping is a JSON object");
        }
        String utf8 = StorableText.utf8Problem(body);
        if (utf8 != null) {
            throw new InvalidPingException("Request body " + utf8);
        }
        JsonNode json;
        try {
            json = reader.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new InvalidPingException("Request body is beyond a limit: " + constraintMessage(e));
        } catch (JacksonException e) {
            throw new InvalidPingException("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidPingException("Could not read the request body: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidPingException("The request body must be a JSON object, got " + describe(json));
        }
        checkKeys(json, maxKeys);
        return json;
    }

    /** Refuses a tree with more than {@code maxKeys} object keys (a CSV row's tree included). */
    public static void checkKeys(JsonNode json, int maxKeys) throws InvalidPingException {
        long keys = 0;
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(json);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isObject()) {
                keys += node.size();
                if (keys > maxKeys) {
                    throw new InvalidPingException("The ping has more than " + maxKeys + " keys (ingest.limits.key-count)");
                }
            }
            if (node.isContainerNode()) {
                node.forEach(todo::push);
            }
        }
    }

    private String constraintMessage(StreamConstraintsException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.contains("nesting depth")) {
            return "nested deeper than " + maxDepth + " levels (ingest.limits.nesting-depth)";
        }
        if (m.contains("String value length")) {
            return "a string is too long (ingest.limits.string-length)";
        }
        if (m.contains("Name length")) {
            return "a key is too long (ingest.limits.key-length)";
        }
        if (m.contains("Number value length")) {
            return "a number is too long (ingest.limits.number-length)";
        }
        return m;
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return value.getNodeType().name().toLowerCase() + " " + shown;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
