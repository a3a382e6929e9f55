package io.growthmetrics.contracts.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Bounds on free-form JSON kept in {@code jsonb} (a ping's extras, a metric's labels): nesting depth, text of keys and
 * strings (see {@link StorableText}), and numbers ({@code jsonb} keeps numbers as {@code numeric}, which fails on
 * {@code 1e200000}; we keep far inside what it takes).
 *
 * @param maxDepth          containers inside containers; a scalar at the top is depth 0
 * @param maxKeyLength      characters of an object key
 * @param maxStringLength   characters of a string value
 * @param maxIntegerDigits  digits before the decimal point of a number
 * @param maxFractionDigits digits after it
 */
public record JsonLimits(int maxDepth, int maxKeyLength, int maxStringLength, int maxIntegerDigits, int maxFractionDigits) {

    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_KEY_LENGTH = 256;
    public static final int DEFAULT_MAX_STRING_LENGTH = 8192;
    public static final int DEFAULT_MAX_INTEGER_DIGITS = 38;
    public static final int DEFAULT_MAX_FRACTION_DIGITS = 38;
    /** Keys in one JSON body, all objects together (an edge limit: parsing cost, not storage). */
    public static final int DEFAULT_MAX_KEYS = 1000;
    /** Characters of one number token as sent (sign, digits, point, exponent): 38 + 38 digits fit. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 100;

    /** The defaults every producer and consumer applies unless configured tighter. */
    public static final JsonLimits DEFAULT = new JsonLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_KEY_LENGTH,
            DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_INTEGER_DIGITS, DEFAULT_MAX_FRACTION_DIGITS);

    /** True when no limit is looser than {@code other}'s (what this side accepts, {@code other} accepts too). */
    public boolean within(JsonLimits other) {
        return maxDepth <= other.maxDepth && maxKeyLength <= other.maxKeyLength
                && maxStringLength <= other.maxStringLength && maxIntegerDigits <= other.maxIntegerDigits
                && maxFractionDigits <= other.maxFractionDigits;
    }

    /** Null when the tree is within these limits; otherwise the first problem, naming the dotted path. */
    public String problem(String path, JsonNode node) {
        return problem(path, node, 0);
    }

    private String problem(String path, JsonNode node, int depth) {
        if (node == null) {
            return null;
        }
        if (node.isContainerNode()) {
            if (depth + 1 > maxDepth) {
                return "'" + path + "' is nested deeper than " + maxDepth + " levels";
            }
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String keyProblem = StorableText.problem(field.getKey(), maxKeyLength);
                    if (keyProblem != null) {
                        return "a key in '" + path + "' " + keyProblem;
                    }
                    String inner = problem(path + "." + field.getKey(), field.getValue(), depth + 1);
                    if (inner != null) {
                        return inner;
                    }
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    String inner = problem(path + "[" + i + "]", node.get(i), depth + 1);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
            return null;
        }
        if (node.isTextual()) {
            String textProblem = StorableText.problem(node.textValue(), maxStringLength);
            return textProblem == null ? null : "'" + path + "' " + textProblem;
        }
        if (node.isNumber()) {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                // A parser without USE_BIG_DECIMAL_FOR_FLOATS turns 1e200000 into Infinity.
                return "'" + path + "' is out of range (not a finite number)";
            }
            String numberProblem = numberProblem(node.decimalValue());
            return numberProblem == null ? null : "'" + path + "' " + numberProblem;
        }
        return null;
    }

    /** Null when the number has at most {@link #maxIntegerDigits} digits before the point and {@link #maxFractionDigits} after. */
    public String numberProblem(BigDecimal value) {
        return StorableNumber.problem(value, maxIntegerDigits, maxFractionDigits);
    }
}
