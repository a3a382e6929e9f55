package io.growthmetrics.revenue.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SalesInputTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text.replace('\'', '"'));
    }

    private static ContractEvent contract(String body, String pathId) throws Exception {
        return SalesInput.contract(json(body), pathId, "generated-id", "event-id", NOW);
    }

    @Test
    void aSignedContractBecomesAnEvent() throws Exception {
        ContractEvent event = contract("{'customer':' ACME Corp ','annualValueCents':1200000,'currency':'USD',"
                + "'status':'signed','signedDate':'2026-11-02','startDate':'2027-01-01'}", null);
        assertEquals(new ContractEvent(1, "event-id", NOW, "generated-id", "ACME Corp", 1_200_000, "usd", "signed",
                LocalDate.parse("2026-11-02"), null, LocalDate.parse("2027-01-01")), event);
    }

    @Test
    void aPipelineContractNeedsAnExpectedCloseDateAndKeepsTheBodysIdOnPost() throws Exception {
        ContractEvent event = contract("{'contractId':'crm-42','customer':'Initech','annualValueCents':0,'currency':'eur',"
                + "'status':'Pipeline','expectedCloseDate':'2026-12-15'}", null);
        assertEquals("crm-42", event.contractId());
        assertEquals("pipeline", event.status());
        assertEquals(LocalDate.parse("2026-12-15"), event.expectedCloseDate());
        assertNull(event.signedDate());
    }

    @Test
    void putUsesThePathIdAndRefusesADifferentBodyId() throws Exception {
        assertEquals("c-1", contract("{'customer':'A','annualValueCents':1,'currency':'usd','status':'signed',"
                + "'signedDate':'2026-01-01'}", "c-1").contractId());
        assertEquals("c-1", contract("{'contractId':'c-1','customer':'A','annualValueCents':1,'currency':'usd',"
                + "'status':'signed','signedDate':'2026-01-01'}", "c-1").contractId());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> contract("{'contractId':'c-2',"
                + "'customer':'A','annualValueCents':1,'currency':'usd','status':'signed','signedDate':'2026-01-01'}", "c-1"));
        assertEquals(List.of("contractId in the body ('c-2') differs from the one in the path ('c-1')"), e.problems());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'annualValueCents':1,'currency':'usd','status':'signed','signedDate':'2026-01-01'}            | customer is required: the customer's name",
            "{'customer':'  ','annualValueCents':1,'currency':'usd','status':'signed','signedDate':'2026-01-01'} | customer must be a non-empty string, got \"  \"",
            "{'customer':'A','currency':'usd','status':'signed','signedDate':'2026-01-01'}                 | annualValueCents is required: the annual contract value in minor units (cents), a whole number ≥ 0",
            "{'customer':'A','annualValueCents':-5,'currency':'usd','status':'signed','signedDate':'2026-01-01'} | annualValueCents must not be negative, got -5",
            "{'customer':'A','annualValueCents':12.5,'currency':'usd','status':'signed','signedDate':'2026-01-01'} | annualValueCents must be a whole number of cents ≥ 0, got 12.5",
            "{'customer':'A','annualValueCents':'100','currency':'usd','status':'signed','signedDate':'2026-01-01'} | annualValueCents must be a whole number of cents ≥ 0, got \"100\"",
            "{'customer':'A','annualValueCents':1,'status':'signed','signedDate':'2026-01-01'}             | currency is required: a 3-letter ISO 4217 code such as usd or eur",
            "{'customer':'A','annualValueCents':1,'currency':'dollars','status':'signed','signedDate':'2026-01-01'} | currency must be a 3-letter ISO 4217 code such as usd or eur, got \"dollars\"",
            "{'customer':'A','annualValueCents':1,'currency':'usd','signedDate':'2026-01-01'}              | status is required: signed or pipeline",
            "{'customer':'A','annualValueCents':1,'currency':'usd','status':'won','signedDate':'2026-01-01'} | status must be signed or pipeline, got \"won\"",
            "{'customer':'A','annualValueCents':1,'currency':'usd','status':'signed'}                      | signedDate is required for a signed contract (YYYY-MM-DD)",
            "{'customer':'A','annualValueCents':1,'currency':'usd','status':'pipeline'}                    | expectedCloseDate is required for a pipeline contract (YYYY-MM-DD)",
            "{'customer':'A','annualValueCents':1,'currency':'usd','status':'signed','signedDate':'2026-13-01'} | signedDate must be a date YYYY-MM-DD, got \"2026-13-01\"",
            "{'customer':'A','annualValueCents':1,'currency':'usd','status':'signed','signedDate':'2026-01-01','startDate':'next year'} | startDate must be a date YYYY-MM-DD, got \"next year\"",
            "{'customer':'A','annualValueCents':1,'currency':'usd','status':'signed','signedDate':'2026-01-01','owner':'me'} | Unknown field 'owner' (known: contractId, customer, annualValueCents, currency, status, signedDate, expectedCloseDate, startDate)",
            "{'contractId':'has space','customer':'A','annualValueCents':1,'currency':'usd','status':'signed','signedDate':'2026-01-01'} | contractId must be 1 to 128 letters, digits, '.', '_', ':' or '-' (starting with a letter or digit), got \"has space\"",
            "['not','an','object']                                                                         | The request body must be a JSON object, got array",
    })
    void eachProblemHasAClearMessage(String body, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> contract(body.trim(), null));
        assertEquals(List.of(message.trim()), e.problems());
    }

    @Test
    void everyProblemIsListedAtOnce() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> contract("{'status':'signed'}", null));
        assertEquals(List.of("customer is required: the customer's name",
                "annualValueCents is required: the annual contract value in minor units (cents), a whole number ≥ 0",
                "currency is required: a 3-letter ISO 4217 code such as usd or eur",
                "signedDate is required for a signed contract (YYYY-MM-DD)"), e.problems());
        assertTrue(e.getMessage().contains("; "));
    }

    @Test
    void goalsAreValidated() throws Exception {
        CarrGoalEvent goal = SalesInput.goal(json("{'goalCents':50000000,'currency':'USD'}"), "2026-q4", "e", NOW);
        assertEquals(new CarrGoalEvent(1, "e", NOW, "2026-Q4", "usd", 50_000_000), goal);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SalesInput.goal(json("{'goalCents':-1}"), "2026-Q5", "e", NOW));
        assertEquals(List.of("The quarter must look like 2026-Q4 (a year, -Q, and 1 to 4), got '2026-Q5'",
                "goalCents must not be negative, got -1",
                "currency is required: a 3-letter ISO 4217 code such as usd or eur"), e.problems());
        assertThrows(InvalidInputException.class, () -> SalesInput.quarter("Q4-2026"));
        assertEquals("2027-Q1", SalesInput.quarter("2027-Q1"));
        assertEquals("2027-Q1", SalesInput.quarter(" 2027-Q1\t"));
        // control characters are not white space to be trimmed away: a path or value ending in NUL is refused
        assertThrows(InvalidInputException.class, () -> SalesInput.quarter("2027-Q1\u0000"));
        assertThrows(InvalidInputException.class,
                () -> SalesInput.goal(json("{'goalCents':1,'currency':'usd\\u0000'}"), "2026-Q4", "e", NOW));
    }
}
