package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.rules.JsonLimits;
import io.growthmetrics.contracts.rules.Violations;
import org.apache.kafka.clients.consumer.ConsumerRecord;


/**
 * Checks shared by the consumers, besides the contracts rules of each event ({@code io.growthmetrics.contracts.rules}):
 * a JSON object, storable as a whole, of the schema version the consumer reads. What breaks them is dead-lettered.
 */
final class RecordChecks {

    /**
     * What any record must be for PostgreSQL (the revenue consumers keep whole envelopes in {@code jsonb}): no NUL,
     * no unpaired surrogate anywhere, numbers within {@code numeric}, not absurdly deep or long.
     */
    private static final JsonLimits STORABLE = new JsonLimits(64, 10_000, 1_000_000, 131_072, 16_383);

    /** Decimals read exactly, never through a double (1e200000 is not infinity). */
    static final ObjectReader EXACT = EventJson.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RecordChecks() {
    }

    /** The record's value as a JSON object, or why not. */
    static JsonNode json(ConsumerRecord<String, String> record, String what) throws UnprocessableRecordException {
        if (record.value() == null || record.value().isBlank()) {
            throw new UnprocessableRecordException("empty record value");
        }
        JsonNode tree;
        try {
            tree = EXACT.readTree(record.value());
        } catch (Exception e) {
            throw new UnprocessableRecordException(abbreviate("not " + what + ": " + firstLine(e.getMessage())));
        }
        if (tree == null || !tree.isObject()) {
            throw new UnprocessableRecordException("not " + what + ": not a JSON object");
        }
        String problem = STORABLE.problem("record", tree);
        if (problem != null) {
            throw new UnprocessableRecordException(problem);
        }
        return tree;
    }

    /** The record's {@code schemaVersion}: present, an integer, the one this consumer reads. */
    static void schemaVersion(JsonNode tree, int expected) throws UnprocessableRecordException {
        JsonNode version = tree.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new UnprocessableRecordException("missing schemaVersion");
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new UnprocessableRecordException("schemaVersion is not an integer: " + abbreviate(version.toString()));
        }
        schemaVersion(version.intValue(), expected);
    }

    /** Throws the rules' violations, if any, as the dead-letter reason. */
    static void rules(Violations violations) throws UnprocessableRecordException {
        if (!violations.isEmpty()) {
            throw new UnprocessableRecordException(abbreviate(violations.summary()));
        }
    }

    /** At most 1000 characters of a reason (it travels in a header). */
    static String abbreviate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000) + "…";
    }

    static <T> T bind(JsonNode tree, Class<T> type, String what) throws UnprocessableRecordException {
        try {
            return EventJson.mapper().treeToValue(tree, type);
        } catch (Exception e) {
            throw new UnprocessableRecordException(abbreviate("not " + what + ": " + firstLine(e.getMessage())));
        }
    }

    static void schemaVersion(int found, int expected) throws UnprocessableRecordException {
        if (found != expected) {
            throw new UnprocessableRecordException("unsupported schemaVersion " + found + " (this consumer reads "
                    + expected + ")");
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
