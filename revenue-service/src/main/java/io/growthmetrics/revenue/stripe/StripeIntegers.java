package io.growthmetrics.revenue.stripe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * The integer fields MRR is computed from, checked on the raw event before stripe-java reads it. stripe-java reads
 * them as {@code Long} through Gson, which does not refuse a value that is not one: {@code "quantity": 2.5} becomes 2,
 * {@code 1e30} wraps to 5076944270305263616, {@code 1.5e308} becomes 0, and the event would be published with that.
 * Stripe only ever sends these as JSON integers (or null), so anything else is refused (422 naming the field).
 */
public final class StripeIntegers {

    /** Every field our code reads through a {@code Long} getter of stripe-java (see SubscriptionNormalizer, StripeTerms). */
    static final Set<String> INTEGER_FIELDS = Set.of("quantity", "unit_amount", "flat_amount", "up_to", "interval_count",
            "divide_by", "amount_off", "created", "cancel_at", "canceled_at");

    private static final JsonFactory JSON = JsonFactory.builder()
            // The body is at most REVENUE_MAX_BODY_SIZE; these only keep a hostile number's text from costing more.
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(1_000).build())
            .build();

    private StripeIntegers() {
    }

    /** A field at fault ({@code data.object.items.data[0].quantity}) and what is wrong with its value. */
    public record Fault(String field, String problem) {

        public String message() {
            return "'" + field + "' " + problem;
        }
    }

    /**
     * The first integer field whose value is not a JSON integer within a long; empty when all are. A body that is not
     * JSON at all is left to stripe-java.
     */
    public static Optional<Fault> firstFault(String payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token.isStructEnd() || token == JsonToken.VALUE_NULL) {
                    continue;
                }
                // An object or array opens a context of its own: the field it is the value of is its parent's.
                JsonStreamContext holder = token.isStructStart() ? parser.getParsingContext().getParent()
                        : parser.getParsingContext();
                if (holder == null || !holder.inObject() || !INTEGER_FIELDS.contains(holder.getCurrentName())) {
                    continue;
                }
                String problem = problem(parser, token);
                if (problem != null) {
                    return Optional.of(new Fault(path(holder), problem));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String problem(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? "must be an integer within " + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ", got a "
                    + parser.getText().length() + "-digit number"
                    : null;
            case VALUE_NUMBER_FLOAT -> "must be an integer, got " + shown(parser.getText());
            case VALUE_STRING -> "must be a JSON integer, got a string";
            case VALUE_TRUE, VALUE_FALSE -> "must be a JSON integer, got a boolean";
            case START_OBJECT -> "must be a JSON integer, got an object";
            case START_ARRAY -> "must be a JSON integer, got an array";
            default -> null;
        };
    }

    private static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** data.object.items.data[0].quantity, from the context holding the field. */
    private static String path(JsonStreamContext holder) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = holder; c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }
}
