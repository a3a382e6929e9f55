package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Week-on-week compounding: {@code end = start × (1 + g)^weeks} with {@code g = weeklyGrowthPct / 100}, solved for
 * the end value, the rate or the number of weeks.
 *
 * <p>Arithmetic is in {@code double}: solving for the rate or the weeks needs fractional powers and logarithms,
 * which BigDecimal does not offer, and the inputs are planning estimates, so double's 15–16 significant digits are
 * far more than the figures carry. Results are rounded once, at the end, half-up in decimal (through BigDecimal):
 * money-like values ({@code end}) to 2 decimals; rates, multiples and fractional weeks to 4, because small
 * differences in those compound.
 */
public final class GrowthCalculator {

    /** A century of weeks: far beyond any useful plan, and keeps every result a finite number. */
    public static final int MAX_WEEKS = 5200;

    private GrowthCalculator() {
    }

    /** Mode "end": where {@code start} gets after {@code weeks} weeks of growth at {@code weeklyGrowthPct}. */
    public record Projection(double start, double weeklyGrowthPct, int weeks, double end, double multiple) {
    }

    /** Mode "weeks": the whole weeks needed to reach {@code target}, and the exact (fractional) solution. */
    public record WeeksToTarget(
            double start, double target, double weeklyGrowthPct, int weeks, double exactWeeks, double end,
            double multiple) {
    }

    public static Projection project(double start, double weeklyGrowthPct, int weeks) {
        requirePositive("start", start);
        requireGrowthAboveMinus100(weeklyGrowthPct);
        requireWeeks(weeks, 0);
        double multiple = Math.pow(1 + weeklyGrowthPct / 100, weeks);
        double end = start * multiple;
        if (!Double.isFinite(end)) {
            throw new InvalidValueException("weeklyGrowthPct", "the end value is too large to represent; lower weeklyGrowthPct or weeks");
        }
        return new Projection(start, weeklyGrowthPct, weeks, round(end, 2), round(multiple, 4));
    }

    /** Mode "rate": the constant weekly growth that turns {@code start} into {@code end} in {@code weeks} weeks. */
    public static Projection impliedGrowth(double start, double end, int weeks) {
        requirePositive("start", start);
        requirePositive("end", end);
        requireWeeks(weeks, 1);
        double ratio = end / start;
        if (!Double.isFinite(ratio) || ratio == 0) {
            throw new InvalidValueException("end", "end / start is beyond what can be represented; bring end and start closer");
        }
        double growthFactor = Math.expm1(Math.log(ratio) / weeks);
        if (!Double.isFinite(growthFactor)) {
            throw new InvalidValueException("end", "the weekly growth from start to end is too large to represent; raise weeks or lower end");
        }
        return new Projection(start, round(growthFactor * 100, 4), weeks, round(end, 2), round(end / start, 4));
    }

    /** Mode "weeks": the smallest whole n with {@code start × (1 + g)^n ≥ target}. */
    public static WeeksToTarget weeksToReach(double start, double target, double weeklyGrowthPct) {
        requirePositive("start", start);
        requirePositive("target", target);
        if (target <= start) {
            throw new InvalidValueException("target", "target must be greater than start (" + plain(start) + ")");
        }
        if (!(weeklyGrowthPct > 0)) {
            throw new InvalidValueException("weeklyGrowthPct", "weeklyGrowthPct must be greater than 0 to ever reach a target above start");
        }
        double exactWeeks = Math.log(target / start) / Math.log1p(weeklyGrowthPct / 100);
        if (!(exactWeeks <= MAX_WEEKS)) {
            throw new InvalidValueException("target", "reaching target takes more than " + MAX_WEEKS + " weeks at this weeklyGrowthPct");
        }
        int weeks = smallestWholeWeeksReaching(start, target, weeklyGrowthPct, exactWeeks);
        double multiple = Math.pow(1 + weeklyGrowthPct / 100, weeks);
        return new WeeksToTarget(start, target, weeklyGrowthPct, weeks, round(exactWeeks, 4),
                round(start * multiple, 2), round(multiple, 4));
    }

    /**
     * ceil(exactWeeks) is off by one when rounding error pushes an exact solution over a whole number
     * (100 → 110 at 10% gives 1.0000000000000007), so confirm the neighbour with the compounding itself.
     */
    private static int smallestWholeWeeksReaching(double start, double target, double weeklyGrowthPct, double exactWeeks) {
        int weeks = (int) Math.ceil(exactWeeks);
        if (weeks > 0 && reaches(start, target, weeklyGrowthPct, weeks - 1)) {
            return weeks - 1;
        }
        return reaches(start, target, weeklyGrowthPct, weeks) ? weeks : weeks + 1;
    }

    /** Equal within a relative 1e-12 counts as reached: the difference is floating-point noise, not growth. */
    private static boolean reaches(double start, double target, double weeklyGrowthPct, int weeks) {
        return start * Math.pow(1 + weeklyGrowthPct / 100, weeks) >= target * (1 - 1e-12);
    }

    private static void requirePositive(String parameter, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidValueException(parameter, parameter + " must be a finite number greater than 0, got " + plain(value));
        }
    }

    private static void requireGrowthAboveMinus100(double weeklyGrowthPct) {
        if (!(weeklyGrowthPct > -100) || !Double.isFinite(weeklyGrowthPct)) {
            throw new InvalidValueException("weeklyGrowthPct", "weeklyGrowthPct must be greater than -100, got " + plain(weeklyGrowthPct));
        }
    }

    private static void requireWeeks(int weeks, int minimum) {
        if (weeks < minimum || weeks > MAX_WEEKS) {
            throw new InvalidValueException("weeks", "weeks must be a whole number from " + minimum + " to " + MAX_WEEKS + ", got " + weeks);
        }
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : String.valueOf(value);
    }
}
