package io.growthmetrics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one run measured: per step its figures (numbers, for the JSON), the table's rows (figure, value,
 * target, met/missed) and notes; the machine's details. Written as {@code <timestamp>-<mode>.md} and {@code .json},
 * and {@code latest.md}.
 */
public final class Results {

    /** One row of the table. {@code met}: null when the figure has no target. */
    public record Row(String step, String figure, String value, String target, Boolean met) {
    }

    /** One step: status {@code ok}, {@code failed} (with the error) or {@code skipped}. */
    public static final class Step {
        public final String key;
        public final String title;
        public String status = "skipped";
        public String error;
        public double seconds;
        public final Map<String, Object> figures = new LinkedHashMap<>();
        public final List<Row> rows = new ArrayList<>();
        public final List<String> notes = new ArrayList<>();

        Step(String key, String title) {
            this.key = key;
            this.title = title;
        }

        public Step figure(String name, Object value) {
            figures.put(name, value);
            return this;
        }

        public Step row(String figure, String value) {
            rows.add(new Row(title, figure, value, "", null));
            return this;
        }

        public Step row(String figure, String value, String target, Boolean met) {
            rows.add(new Row(title, figure, value, target, met));
            return this;
        }

        public Step note(String note) {
            notes.add(note);
            return this;
        }
    }

    public final String mode;
    public final Instant started = Instant.now();
    public Instant finished;
    public final Map<String, Object> machine = new LinkedHashMap<>();
    public final Map<String, Object> settings = new LinkedHashMap<>();
    public final Map<String, Step> steps = new LinkedHashMap<>();

    public Results(String mode) {
        this.mode = mode;
    }

    public Step step(String key, String title) {
        return steps.computeIfAbsent(key, k -> new Step(key, title));
    }

    public boolean anyFailed() {
        return steps.values().stream().anyMatch(s -> s.status.equals("failed"));
    }

    /** Writes the Markdown and the JSON; returns the Markdown file. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path md = dir.resolve(stamp + "-" + mode + ".md");
        Path json = dir.resolve(stamp + "-" + mode + ".json");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        Files.writeString(json, json(), StandardCharsets.UTF_8);
        Files.copy(md, dir.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
        return md;
    }

    public String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", mode);
        root.put("started", started.toString());
        root.put("finished", finished == null ? null : finished.toString());
        root.put("machine", machine);
        root.put("settings", settings);
        Map<String, Object> stepMap = new LinkedHashMap<>();
        for (Step s : steps.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", s.title);
            m.put("status", s.status);
            if (s.error != null) {
                m.put("error", s.error);
            }
            m.put("seconds", round(s.seconds, 1));
            m.put("figures", s.figures);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Row r : s.rows) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("figure", r.figure());
                row.put("value", r.value());
                row.put("target", r.target().isEmpty() ? null : r.target());
                row.put("met", r.met());
                rows.add(row);
            }
            m.put("table", rows);
            m.put("notes", s.notes);
            stepMap.put(s.key, m);
        }
        root.put("steps", stepMap);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark, ").append(mode).append(" mode, ")
                .append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .append("\n\n");
        md.append("Written by `bench/run").append(mode.equals("quick") ? " --quick" : "").append("`.");
        if (mode.equals("quick")) {
            md.append(" Quick mode: seconds of load and small data, to check that every step runs; its figures are not "
                    + "measurements.");
        }
        md.append("\n\n## Machine\n\n");
        String busy = busyWarning();
        if (busy != null) {
            md.append("**").append(busy).append("**\n\n");
        }
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Results\n\n");
        md.append(table());
        md.append("\n## Settings\n\n");
        settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Notes\n");
        for (Step s : steps.values()) {
            md.append("\n### ").append(s.title).append("\n\n");
            md.append("Status: ").append(s.status);
            if (s.seconds > 0) {
                md.append(" (").append(format(s.seconds, 0)).append(" s)");
            }
            md.append("\n");
            if (s.error != null) {
                md.append("\nError: ").append(s.error.replace("\n", " ")).append("\n");
            }
            if (!s.notes.isEmpty()) {
                md.append('\n');
                s.notes.forEach(n -> md.append("- ").append(n).append('\n'));
            }
        }
        return md.toString();
    }

    /** A warning when the machine was busy with something else at the start (load average above half its cores). */
    String busyWarning() {
        try {
            double load = Double.parseDouble(String.valueOf(machine.get("load average at start")).split(" ")[0]);
            int cores = Integer.parseInt(String.valueOf(machine.get("cores")));
            if (load > cores * 0.5) {
                return "The machine was not idle: load average " + format(load, 2) + " on " + cores + " cores when the "
                        + "run started (other processes than the stack). These figures are not comparable with an idle "
                        + "machine's.";
            }
        } catch (RuntimeException e) {
            // unknown
        }
        return null;
    }

    /** The results table, as Markdown (also printed at the end of a run). */
    public String table() {
        StringBuilder md = new StringBuilder();
        md.append("| step | figure | value | target | met |\n|---|---|---|---|---|\n");
        for (Step s : steps.values()) {
            if (!s.status.equals("ok") && s.rows.isEmpty()) {
                md.append("| ").append(s.title).append(" | ").append(s.status).append(" | ")
                        .append(s.error == null ? "" : cell(s.error)).append(" | | |\n");
                continue;
            }
            for (Row r : s.rows) {
                md.append("| ").append(cell(r.step())).append(" | ").append(cell(r.figure())).append(" | ")
                        .append(cell(r.value())).append(" | ").append(cell(r.target())).append(" | ")
                        .append(r.met() == null ? "" : r.met() ? "met" : "**missed**").append(" |\n");
            }
            if (s.status.equals("failed")) {
                md.append("| ").append(s.title).append(" | failed | ").append(cell(s.error)).append(" | | |\n");
            }
        }
        return md.toString();
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace("\n", " ").replace("|", "\\|");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    public static String format(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
