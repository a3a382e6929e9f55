package io.growthmetrics.revenue.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.growthmetrics.contracts.rules.CarrGoalRules;
import io.growthmetrics.contracts.rules.ContractRules;
import io.growthmetrics.contracts.rules.Violations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates the sales inputs for CARR (contracts and quarterly goals) and turns them into events. */
public final class SalesInput {

    private static final Pattern CONTRACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final int MAX_CUSTOMER_LENGTH = ContractRules.CUSTOMER;
    private static final List<String> CONTRACT_FIELDS = List.of("contractId", "customer", "annualValueCents", "currency",
            "status", "signedDate", "expectedCloseDate", "startDate");
    private static final List<String> GOAL_FIELDS = List.of("quarter", "goalCents", "currency");

    private SalesInput() {
    }

    /**
     * A contract from a request body.
     *
     * @param pathId     the id in the path of a PUT, or null for a POST (then the body's {@code contractId} or
     *                   {@code generatedId})
     * @param generatedId the id given to a contract created without one
     */
    public static ContractEvent contract(JsonNode body, String pathId, String generatedId, String eventId, Instant now)
            throws InvalidInputException {
        List<String> problems = new ArrayList<>();
        requireObject(body, CONTRACT_FIELDS);
        unknownFields(body, CONTRACT_FIELDS, problems);

        String contractId = pathId != null ? pathId : generatedId;
        if (pathId != null && !CONTRACT_ID.matcher(pathId).matches()) {
            problems.add("The contract id in the path must be 1 to 128 letters, digits, '.', '_', ':' or '-' "
                    + "(starting with a letter or digit), got '" + pathId + "'");
        }
        JsonNode bodyId = present(body, "contractId");
        if (bodyId != null) {
            if (!bodyId.isTextual() || !CONTRACT_ID.matcher(bodyId.asText()).matches()) {
                problems.add("contractId must be 1 to 128 letters, digits, '.', '_', ':' or '-' (starting with a letter "
                        + "or digit), got " + bodyId);
            } else if (pathId != null && !pathId.equals(bodyId.asText())) {
                problems.add("contractId in the body ('" + bodyId.asText() + "') differs from the one in the path ('"
                        + pathId + "')");
            } else {
                contractId = bodyId.asText();
            }
        }

        String customer = null;
        JsonNode customerNode = present(body, "customer");
        if (customerNode == null || !customerNode.isTextual() || customerNode.asText().isBlank()) {
            problems.add(customerNode == null ? "customer is required: the customer's name"
                    : "customer must be a non-empty string, got " + customerNode);
        } else if (customerNode.asText().strip().codePointCount(0, customerNode.asText().strip().length())
                > MAX_CUSTOMER_LENGTH) {
            problems.add("customer must be at most " + MAX_CUSTOMER_LENGTH + " characters");
        } else {
            customer = customerNode.asText().strip();
        }

        long annualValue = cents(body, "annualValueCents", "the annual contract value in minor units (cents)", problems);
        String currency = currency(body, problems);

        String status = null;
        JsonNode statusNode = present(body, "status");
        if (statusNode == null) {
            problems.add("status is required: signed or pipeline");
        } else {
            String value = statusNode.isTextual() ? statusNode.asText().strip().toLowerCase(Locale.ROOT) : null;
            if (ContractEvent.SIGNED.equals(value) || ContractEvent.PIPELINE.equals(value)) {
                status = value;
            } else {
                problems.add("status must be signed or pipeline, got " + statusNode);
            }
        }

        LocalDate signedDate = date(body, "signedDate", problems);
        LocalDate expectedCloseDate = date(body, "expectedCloseDate", problems);
        LocalDate startDate = date(body, "startDate", problems);
        if (ContractEvent.SIGNED.equals(status) && signedDate == null && present(body, "signedDate") == null) {
            problems.add("signedDate is required for a signed contract (YYYY-MM-DD)");
        }
        if (ContractEvent.PIPELINE.equals(status) && expectedCloseDate == null
                && present(body, "expectedCloseDate") == null) {
            problems.add("expectedCloseDate is required for a pipeline contract (YYYY-MM-DD)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ContractEvent event = new ContractEvent(ContractEvent.SCHEMA_VERSION, eventId, now, contractId, customer,
                annualValue, currency, status, signedDate, expectedCloseDate, startDate);
        return checked(event, ContractRules.check(event, now));
    }

    /** A quarter's CARR goal from a request body; {@code quarter} as in the path (e.g. 2026-Q4). */
    public static CarrGoalEvent goal(JsonNode body, String quarter, String eventId, Instant now)
            throws InvalidInputException {
        List<String> problems = new ArrayList<>();
        String normalizedQuarter = null;
        try {
            normalizedQuarter = quarter(quarter);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        requireObject(body, GOAL_FIELDS);
        unknownFields(body, GOAL_FIELDS, problems);
        JsonNode bodyQuarter = present(body, "quarter");
        if (bodyQuarter != null && normalizedQuarter != null
                && !normalizedQuarter.equalsIgnoreCase(bodyQuarter.asText().strip())) {
            problems.add("quarter in the body (" + bodyQuarter + ") differs from the one in the path ('" + quarter + "')");
        }
        long goal = cents(body, "goalCents", "the quarter's CARR goal in minor units (cents)", problems);
        String currency = currency(body, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        CarrGoalEvent event = new CarrGoalEvent(CarrGoalEvent.SCHEMA_VERSION, eventId, now, normalizedQuarter, currency,
                goal);
        return checked(event, CarrGoalRules.check(event, now));
    }

    /** The event, when it keeps the rules kpi-service stores by (the same rules it checks again). */
    private static <T> T checked(T event, Violations violations) throws InvalidInputException {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.list(), violations.fields());
        }
        return event;
    }

    /** {@code 2026-Q4} (a lower-case q is accepted and upper-cased). */
    public static String quarter(String quarter) throws InvalidInputException {
        String value = quarter == null ? "" : quarter.strip().toUpperCase(Locale.ROOT);
        if (!QUARTER.matcher(value).matches()) {
            throw new InvalidInputException("The quarter must look like 2026-Q4 (a year, -Q, and 1 to 4), got '"
                    + quarter + "'");
        }
        return value;
    }

    private static void requireObject(JsonNode body, List<String> fields) throws InvalidInputException {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new InvalidInputException("The request body must be a JSON object with " + String.join(", ", fields));
        }
        if (!body.isObject()) {
            throw new InvalidInputException("The request body must be a JSON object, got " + body.getNodeType()
                    .toString().toLowerCase(Locale.ROOT));
        }
    }

    private static void unknownFields(JsonNode body, List<String> known, List<String> problems) {
        Set<String> knownSet = Set.copyOf(known);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownSet.contains(name)) {
                problems.add("Unknown field '" + name + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** The field, or null when absent or JSON null. */
    private static JsonNode present(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static long cents(JsonNode body, String field, String meaning, List<String> problems) {
        JsonNode node = present(body, field);
        if (node == null) {
            problems.add(field + " is required: " + meaning + ", a whole number ≥ 0");
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problems.add(field + " must be a whole number of cents ≥ 0, got " + node);
            return 0;
        }
        if (node.asLong() < 0) {
            problems.add(field + " must not be negative, got " + node);
            return 0;
        }
        return node.asLong();
    }

    private static String currency(JsonNode body, List<String> problems) {
        JsonNode node = present(body, "currency");
        if (node == null) {
            problems.add("currency is required: a 3-letter ISO 4217 code such as usd or eur");
            return null;
        }
        if (!node.isTextual() || !CURRENCY.matcher(node.asText().strip()).matches()) {
            problems.add("currency must be a 3-letter ISO 4217 code such as usd or eur, got " + node);
            return null;
        }
        return node.asText().strip().toLowerCase(Locale.ROOT);
    }

    private static LocalDate date(JsonNode body, String field, List<String> problems) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return LocalDate.parse(node.asText().strip());
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        problems.add(field + " must be a date YYYY-MM-DD, got " + node);
        return null;
    }
}
