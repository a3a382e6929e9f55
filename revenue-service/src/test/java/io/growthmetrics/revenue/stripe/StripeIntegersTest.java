package io.growthmetrics.revenue.stripe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripeIntegersTest {

    private static String event(String quantity) {
        return "{\"id\":\"evt_1\",\"created\":1764547200,\"data\":{\"object\":{\"items\":{\"data\":[{\"id\":\"si_1\","
                + "\"quantity\":1,\"price\":{\"unit_amount\":1500,\"unit_amount_decimal\":\"1500\",\"recurring\":"
                + "{\"interval_count\":1}}},{\"id\":\"si_2\",\"quantity\":" + quantity + ",\"price\":{\"unit_amount\":null,"
                + "\"tiers\":[{\"up_to\":10},{\"up_to\":null}]}}]}}}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "9223372036854775807", "-9223372036854775808", "null"})
    void integersWithinALongAndNullPass(String quantity) {
        assertEquals(Optional.empty(), StripeIntegers.firstFault(event(quantity)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "1e30", "1.5e308", "1.0", "9223372036854775808", "99999999999999999999999", "\"5\"",
            "true", "{}", "[1]"})
    void anythingElseIsNamedByItsPath(String quantity) {
        Optional<StripeIntegers.Fault> fault = StripeIntegers.firstFault(event(quantity));
        assertTrue(fault.isPresent(), quantity);
        assertEquals("data.object.items.data[1].quantity", fault.get().field());
        assertTrue(fault.get().message().startsWith("'data.object.items.data[1].quantity' must be"), fault.get().message());
    }

    @Test
    void otherFieldsAndDecimalStringsAreNotItsConcern() {
        assertEquals(Optional.empty(), StripeIntegers.firstFault(
                "{\"data\":{\"object\":{\"percent_off\":12.5,\"unit_amount_decimal\":\"1e30\",\"name\":\"quantity\"}}}"));
        assertEquals(Optional.empty(), StripeIntegers.firstFault("not json"));
    }

    @Test
    void nestedIntegerFieldsAnywhereAreChecked() {
        assertEquals("data.object.discount.coupon.amount_off", StripeIntegers.firstFault(
                "{\"data\":{\"object\":{\"discount\":{\"coupon\":{\"amount_off\":5.5}}}}}").orElseThrow().field());
        assertEquals("created", StripeIntegers.firstFault("{\"created\":1e9}").orElseThrow().field());
    }
}
