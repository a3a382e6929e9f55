package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks shared by the revenue consumers. Whatever would make the database refuse a row (a value too long for
 * its column, a NUL character, a date out of range) is caught here: a refused row would otherwise be retried
 * for ever and stop consumption.
 */
final class RecordChecks {

    static final int MAX_TEXT = 255;
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private RecordChecks() {
    }

    /** The record's value as a JSON object, or why not. */
    static JsonNode json(ConsumerRecord<String, String> record, String what) throws UnprocessableRecordException {
        if (record.value() == null || record.value().isBlank()) {
            throw new UnprocessableRecordException("empty record value");
        }
        if (record.value().contains("\\u0000")) {
            throw new UnprocessableRecordException("contains a NUL character (\\u0000), which PostgreSQL cannot store");
        }
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new UnprocessableRecordException("not " + what + ": " + firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new UnprocessableRecordException("not " + what + ": not a JSON object");
        }
        return tree;
    }

    static <T> T bind(JsonNode tree, Class<T> type, String what) throws UnprocessableRecordException {
        try {
            return EventJson.mapper().treeToValue(tree, type);
        } catch (Exception e) {
            throw new UnprocessableRecordException("not " + what + ": " + firstLine(e.getMessage()));
        }
    }

    static void schemaVersion(int found, int expected) throws UnprocessableRecordException {
        if (found != expected) {
            throw new UnprocessableRecordException("unsupported schemaVersion " + found + " (this consumer reads "
                    + expected + ")");
        }
    }

    /** A present, non-blank text of at most 255 characters. */
    static String text(String value, String field) throws UnprocessableRecordException {
        if (value == null || value.isBlank()) {
            throw new UnprocessableRecordException("missing " + field);
        }
        return optionalText(value, field, MAX_TEXT);
    }

    static String optionalText(String value, String field, int max) throws UnprocessableRecordException {
        if (value != null && value.length() > max) {
            throw new UnprocessableRecordException(field + " longer than " + max + " characters");
        }
        return value;
    }

    /** A 3-letter ISO code, lower case as Stripe writes it. */
    static String currency(String value, String field) throws UnprocessableRecordException {
        if (value == null || value.isBlank()) {
            throw new UnprocessableRecordException("missing " + field);
        }
        if (!CURRENCY.matcher(value).matches()) {
            throw new UnprocessableRecordException(field + " is not a 3-letter currency code: " + value);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    static Instant instant(Instant value, String field) throws UnprocessableRecordException {
        if (value == null) {
            throw new UnprocessableRecordException("missing " + field);
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new UnprocessableRecordException(field + " out of range: " + value);
        }
        return value;
    }

    static LocalDate optionalDate(LocalDate value, String field) throws UnprocessableRecordException {
        if (value != null && (value.getYear() < 1 || value.getYear() > 9999)) {
            throw new UnprocessableRecordException(field + " out of range: " + value);
        }
        return value;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
