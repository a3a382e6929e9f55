package io.growthmetrics.kpi.domain.kpi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KpiWeeksTest {

    // Sunday 2026-11-29: the current ISO week is 2026-W48 (Monday 2026-11-23)
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    private static final LocalDate W46 = LocalDate.of(2026, 11, 9);
    private static final LocalDate W47 = LocalDate.of(2026, 11, 16);
    private static final LocalDate W48 = LocalDate.of(2026, 11, 23);

    private static KpiDefinition kpi(String key, KpiKind kind, KpiTarget target) {
        return new KpiDefinition(key, 1, key, "things", kind, KpiSources.OBSERVATIONS, target, "");
    }

    private static NavigableMap<LocalDate, BigDecimal> weeks(Object... pairs) {
        NavigableMap<LocalDate, BigDecimal> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((LocalDate) pairs[i], new BigDecimal(pairs[i + 1].toString()));
        }
        return map;
    }

    @Test
    void weeksAreIsoWeeksLabelledAsIsoDoes() {
        assertEquals(W48, Weeks.monday(TODAY));
        assertEquals(W48, Weeks.monday(W48));
        assertEquals("2026-W48", Weeks.label(W48));
        assertEquals("2026-W53", Weeks.label(LocalDate.of(2026, 12, 28)));
        assertEquals("2027-W01", Weeks.label(LocalDate.of(2027, 1, 4)));
        assertEquals("2026-W01", Weeks.label(Weeks.monday(LocalDate.of(2026, 1, 1))), "29 Dec 2025 is in 2026-W01");
    }

    @Test
    void aStockTakesItsLastDayAndAFlowItsSumAndTheFutureIsUnknown() {
        Map<LocalDate, BigDecimal> days = Map.of(LocalDate.of(2026, 11, 16), BigDecimal.valueOf(5),
                LocalDate.of(2026, 11, 22), BigDecimal.valueOf(7), LocalDate.of(2026, 11, 24), BigDecimal.valueOf(2),
                LocalDate.of(2026, 11, 30), BigDecimal.valueOf(100));
        assertEquals(weeks(W47, 7, W48, 2), Weeks.ofDays(days, KpiKind.STOCK, TODAY));
        assertEquals(weeks(W47, 12, W48, 2), Weeks.ofDays(days, KpiKind.FLOW, TODAY));
    }

    @Test
    void growthIsTheSameRuleAsTheApisAndNeedsABase() {
        assertEquals(new BigDecimal("10.00"), KpiWeeks.growthPct(BigDecimal.valueOf(100), BigDecimal.valueOf(110)));
        assertEquals(new BigDecimal("-0.13"), KpiWeeks.growthPct(BigDecimal.valueOf(800), BigDecimal.valueOf(799)));
        assertNull(KpiWeeks.growthPct(BigDecimal.ZERO, BigDecimal.ONE));
        assertNull(KpiWeeks.growthPct(null, BigDecimal.ONE));
    }

    @Test
    void aWowTargetIsMetWhenTheWeekGrewEnough() {
        List<KpiWeek> result = KpiWeeks.compute(List.of(kpi("n", KpiKind.STOCK,
                new KpiTarget.WowGrowth(BigDecimal.TEN))), Map.of("n", weeks(W46, 100, W47, 110, W48, 120)), TODAY);
        assertEquals(List.of(
                new KpiWeek("n", W46, new BigDecimal("100"), null, null, null, null),
                new KpiWeek("n", W47, new BigDecimal("110"), new BigDecimal("100"), new BigDecimal("10.00"),
                        new BigDecimal("110.00"), true),
                new KpiWeek("n", W48, new BigDecimal("120"), new BigDecimal("110"), new BigDecimal("9.09"),
                        new BigDecimal("121.00"), false)), result);
    }

    @Test
    void aWeekWithoutDataHasNoVerdictAndBreaksTheGrowthChain() {
        List<KpiWeek> result = KpiWeeks.compute(List.of(kpi("n", KpiKind.FLOW,
                new KpiTarget.WowGrowth(BigDecimal.ZERO))), Map.of("n", weeks(W46, 4, W48, 6)), TODAY);
        assertEquals(3, result.size());
        assertEquals(new KpiWeek("n", W47, null, new BigDecimal("4"), null, new BigDecimal("4.00"), null), result.get(1));
        assertEquals(new KpiWeek("n", W48, new BigDecimal("6"), null, null, null, null), result.get(2));
    }

    @Test
    void goalsAndOtherKpisAsTargets() {
        List<KpiWeek> result = KpiWeeks.compute(List.of(
                        kpi("closed", KpiKind.STOCK, new KpiTarget.OfKpi("goal")),
                        kpi("goal", KpiKind.STOCK, new KpiTarget.None()),
                        kpi("mqls", KpiKind.FLOW, new KpiTarget.Goal(BigDecimal.valueOf(50)))),
                Map.of("closed", weeks(W47, 300, W48, 600), "goal", weeks(W48, 500), "mqls", weeks(W48, 49)), TODAY);
        assertEquals(new KpiWeek("closed", W47, new BigDecimal("300"), null, null, null, null), result.get(0));
        assertEquals(new KpiWeek("closed", W48, new BigDecimal("600"), new BigDecimal("300"), new BigDecimal("100.00"),
                new BigDecimal("500"), true), result.get(1));
        assertEquals(new KpiWeek("goal", W48, new BigDecimal("500"), null, null, null, null), result.get(2));
        assertEquals(new KpiWeek("mqls", W48, new BigDecimal("49"), null, null, BigDecimal.valueOf(50), false),
                result.get(3));
    }

    @Test
    void aKpiWithNoDataHasNoWeeks() {
        assertEquals(List.of(), KpiWeeks.compute(List.of(kpi("n", KpiKind.FLOW, new KpiTarget.None())), Map.of(), TODAY));
    }

    @Test
    void observationsBySourceAddUpAWholeWeekFigureWinsForAStock() {
        Instant mon = Instant.parse("2026-11-23T09:00:00Z");
        Instant wed = Instant.parse("2026-11-25T09:00:00Z");
        List<ObservationWeeks.Observation> observations = List.of(
                new ObservationWeeks.Observation("hubspot", W48, null, BigDecimal.valueOf(10)),
                new ObservationWeeks.Observation("hubspot", W48, wed, BigDecimal.valueOf(3)),
                new ObservationWeeks.Observation("events", W48, mon, BigDecimal.valueOf(1)),
                new ObservationWeeks.Observation("events", W48, wed, BigDecimal.valueOf(2)),
                new ObservationWeeks.Observation("events", LocalDate.of(2026, 11, 30), null, BigDecimal.valueOf(99)));
        assertEquals(weeks(W48, 16), ObservationWeeks.of(observations, KpiKind.FLOW, TODAY));
        assertEquals(weeks(W48, 12), ObservationWeeks.of(observations, KpiKind.STOCK, TODAY));
    }

    @Test
    void carrIsOfTheQuarterOfTheWeeksLastDayAsOfThatDay() {
        List<CarrWeeks.Contract> contracts = List.of(
                new CarrWeeks.Contract("signed", 100_00, LocalDate.of(2026, 9, 30), null),
                new CarrWeeks.Contract("signed", 200_00, LocalDate.of(2026, 10, 1), null),
                new CarrWeeks.Contract("signed", 400_00, LocalDate.of(2026, 11, 24), null),
                new CarrWeeks.Contract("pipeline", 800_00, null, LocalDate.of(2026, 12, 31)),
                new CarrWeeks.Contract("pipeline", 1600_00, null, LocalDate.of(2027, 1, 1)));
        CarrWeeks.Figures figures = CarrWeeks.compute(contracts, Map.of("2026-Q4", 5000_00L),
                LocalDate.of(2026, 9, 28), TODAY);
        LocalDate w40 = LocalDate.of(2026, 9, 28); // Sunday 4 Oct: Q4
        assertEquals(new BigDecimal("200.00"), figures.closed().get(w40), "Q3's contract is not Q4's");
        assertEquals(new BigDecimal("200.00"), figures.closed().get(W47));
        assertEquals(new BigDecimal("600.00"), figures.closed().get(W48), "signed on Tuesday of the current week");
        assertEquals(new BigDecimal("1400.00"), figures.projected().get(W48));
        assertEquals(new BigDecimal("5000.00"), figures.goal().get(W48));
        assertEquals(9, figures.closed().size(), "28 Sep to the current week");
    }
}
