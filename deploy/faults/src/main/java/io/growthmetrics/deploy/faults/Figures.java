package io.growthmetrics.deploy.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The figures of each scenario, printed as they come and written as a Markdown table for docs/reliability.md. */
public final class Figures {

    /** One stream of one scenario. {@code recoverySeconds} &lt; 0 = not applicable. */
    public record Row(String scenario, String stream, long sent, long acknowledged, long inViews, long lost,
            long duplicated, double recoverySeconds, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Path file;

    public Figures(Path file) {
        this.file = file;
    }

    public synchronized Row add(String scenario, String stream, long sent, long acknowledged, long inViews, long lost,
            long duplicated, double recoverySeconds, String note) {
        Row row = new Row(scenario, stream, sent, acknowledged, inViews, lost, duplicated, recoverySeconds, note);
        rows.add(row);
        System.out.println("[faults] " + line(row));
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, header(), StandardCharsets.UTF_8);
            }
            Files.writeString(file, line(row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[faults] could not write " + file + ": " + e);
        }
        return row;
    }

    public static String header() {
        return "| scenario | records | sent | acknowledged | in views | lost | duplicated | time to recover | notes |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---|\n";
    }

    public static String line(Row r) {
        return "| " + r.scenario() + " | " + r.stream() + " | " + r.sent() + " | " + r.acknowledged() + " | " + (r.inViews() < 0 ? "–" : Long.toString(r.inViews()))
                + " | " + r.lost() + " | " + r.duplicated() + " | "
                + (r.recoverySeconds() < 0 ? "–" : String.format(java.util.Locale.ROOT, "%.1f s", r.recoverySeconds()))
                + " | " + (r.note() == null ? "" : r.note().replace("|", "/")) + " |";
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }
}
