package io.growthmetrics.kpi.domain.revenue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import static io.growthmetrics.kpi.domain.revenue.Sub.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevenueRulesTest {

    private static final RevenueRules RULES = new RevenueRules(Set.of("prod_a", "prod_b"), false);

    private static Sub sub() {
        return event("evt_1", "sub_1").item("prod_a", "1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"active", "past_due"})
    void activeAndPastDueCount(String status) {
        assertEquals(Map.of("prod_a", new BigDecimal("1000")), RULES.contribution(sub().status(status).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trialing", "incomplete", "incomplete_expired", "unpaid", "canceled", "paused", "ACTIVE",
            "something_new"})
    void trialsAndEveryOtherStatusCountZero(String status) {
        assertFalse(RULES.counts(sub().status(status).build()));
        assertEquals(Map.of(), RULES.contribution(sub().status(status).build()));
    }

    @Test
    void aRequestedCancellationDropsTheMrrAtOnce() {
        assertEquals(Map.of(), RULES.contribution(sub().cancelAtPeriodEnd().build()));
        assertEquals(Map.of(), RULES.contribution(sub().cancelAt().build()));
        assertEquals(Map.of(), RULES.contribution(sub().status("past_due").cancelAt().build()));
    }

    @Test
    void pausedCollectionCountsZeroUnlessConfigured() {
        assertEquals(Map.of(), RULES.contribution(sub().collectionPaused().build()));
        RevenueRules counting = new RevenueRules(Set.of("prod_a"), true);
        assertEquals(Map.of("prod_a", new BigDecimal("1000")), counting.contribution(sub().collectionPaused().build()));
        assertEquals(Map.of(), counting.contribution(sub().collectionPaused().cancelAtPeriodEnd().build()),
                "the other rules still apply");
    }

    @Test
    void onlyTheCatalogsProductsCountEachItemByItsExactMonthlyValue() {
        SubscriptionState state = event("evt_1", "sub_1")
                .item("prod_a", "1000.3333333333")
                .item("prod_x", "5000")
                .item("prod_a", "0.6666666667")
                .item("prod_b", "0")
                .build();
        assertEquals(Map.of("prod_a", new BigDecimal("1001.0000000000"), "prod_b", new BigDecimal("0")),
                RULES.contribution(state), "a metered item (0) still makes the subscription count for its product");
        assertEquals(Map.of(), RULES.contribution(event("evt_2", "sub_2").item("prod_x", "5000").build()),
                "only out-of-scope items");
        assertEquals(Map.of(), new RevenueRules(Set.of(), false).contribution(state), "an empty catalog");
    }

    @Test
    void aDeletedOrAbsentSubscriptionCountsZero() {
        assertFalse(RULES.counts(null));
        assertFalse(RULES.counts(event("evt_1", "sub_1").item("prod_a", "1").deleted().status("active").build()));
        assertTrue(RULES.counts(sub().build()));
    }

    @Test
    void currenciesAreKeptLowerCase() {
        assertEquals("eur", event("evt_1", "sub_1").currency("EUR").build().currency());
    }
}
