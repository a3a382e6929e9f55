package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The week's review as a short report: every KPI with its change and target, and what moved them — the largest
 * changes of installations by breakdown value (the week's last day against the week before's), the week's MRR
 * movements by type, and the contracts signed in the week.
 */
public record KpiReview(String week, List<KpiFigure> kpis, List<BreakdownChange> installationChanges,
        List<MovementTotal> mrrMovements, List<NewContract> newContracts, String currency) {

    /** Installations with one breakdown value on the week's last day, against the previous week's last day. */
    public record BreakdownChange(String dimension, String value, int previous, int current, int change) {
    }

    /** The week's MRR movements of one type: how many customers and the sum of their changes, in cents. */
    public record MovementTotal(String type, int customers, BigDecimal deltaCents) {
    }

    public record NewContract(String customer, long annualValueCents, String status, LocalDate signedDate) {
    }

    private static final java.util.Set<String> MONEY_UNITS = java.util.Set.of("USD", "EUR", "GBP");

    /** The review as Markdown, for a chat message or an e-mail. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Weekly review " + week + "\n\n");
        md.append("| KPI | value | WoW | target | |\n|---|---:|---:|---|---|\n");
        for (KpiFigure k : kpis) {
            md.append("| ").append(k.name()).append(" | ").append(number(k.value(), k.unit()))
                    .append(k.unit().isEmpty() ? "" : " " + k.unit())
                    .append(" | ").append(k.wowGrowthPct() == null ? "–"
                            : (k.wowGrowthPct().signum() >= 0 ? "+" : "") + money(k.wowGrowthPct()) + " %")
                    .append(" | ").append(target(k)).append(" | ")
                    .append(k.onTrack() == null ? "" : k.onTrack() ? "on track" : "**off track**").append(" |\n");
        }
        md.append("\n## What moved\n\n");
        if (installationChanges.isEmpty()) {
            md.append("- Installations: no change by driver, OS or version.\n");
        } else {
            md.append("- Installations: ");
            md.append(String.join(", ", installationChanges.stream().map(c -> c.dimension() + " " + c.value() + " "
                    + (c.change() > 0 ? "+" : "") + c.change() + " (" + c.previous() + " → " + c.current() + ")").toList()));
            md.append(".\n");
        }
        if (mrrMovements.isEmpty()) {
            md.append("- MRR movements: none this week.\n");
        } else {
            md.append("- MRR movements (").append(currency.toUpperCase(Locale.ROOT)).append("): ");
            md.append(String.join(", ", mrrMovements.stream().map(m -> m.type() + " "
                    + (m.deltaCents().signum() >= 0 ? "+" : "") + money(major(m.deltaCents()))
                    + " (" + m.customers() + (m.customers() == 1 ? " customer)" : " customers)")).toList()));
            md.append(".\n");
        }
        if (newContracts.isEmpty()) {
            md.append("- New contracts: none signed this week.\n");
        } else {
            md.append("- New contracts: ");
            md.append(String.join(", ", newContracts.stream().map(c -> c.customer() + " "
                    + money(major(BigDecimal.valueOf(c.annualValueCents()))) + " " + currency.toUpperCase(Locale.ROOT)
                    + " ARR (" + c.signedDate() + ")").toList()));
            md.append(".\n");
        }
        return md.toString();
    }

    private static String target(KpiFigure k) {
        KpiTarget t = k.target();
        return switch (t.kind()) {
            case "wow-growth" -> "+" + t.wowGrowthPct().stripTrailingZeros().toPlainString() + " % WoW"
                    + (t.value() == null ? "" : " (" + number(t.value(), k.unit()) + ")");
            case "goal" -> number(t.goal(), k.unit());
            case "kpi" -> t.kpi() + (t.value() == null ? "" : " (" + number(t.value(), k.unit()) + ")");
            default -> "–";
        };
    }

    private static BigDecimal major(BigDecimal cents) {
        return cents.divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }

    /** Money with cents; other figures whole when they are, else with 2 decimals. */
    private static String number(BigDecimal value, String unit) {
        if (value == null) {
            return "–";
        }
        if (MONEY_UNITS.contains(unit)) {
            return money(value);
        }
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? String.format(Locale.ROOT, "%,d", plain.toBigInteger()) : money(value);
    }

    private static String money(BigDecimal value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
