package io.growthmetrics.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code bench/run}.
 *
 * @param quick        seconds of load and small data (that every step runs); else the full benchmark
 * @param useRunning   the port offset of a stack already running (null: start one)
 * @param portOffset   the port offset of the stack the benchmark starts (null: the first free one from 600 up)
 * @param dataDir      that stack's data folder (null: /tmp/growth-bench-&lt;offset&gt;)
 * @param out          where the results go
 * @param steps        the steps to run (default all)
 * @param installations, days the year of step 3 (null: the mode's)
 * @param keepData     keep the started stack's broker data and database afterwards (else removed)
 */
record BenchOptions(boolean quick, Integer useRunning, Integer portOffset, Path dataDir, Path out, Set<String> steps,
                    Integer installations, Integer days, boolean keepData, boolean help) {

    static final List<String> ALL_STEPS = List.of("raw", "ingest", "views", "freshness", "api");

    static final String USAGE = """
            Usage: bench/run [--quick] [--use-running OFFSET] [--port-offset N] [--data-dir DIR] [--out DIR]
                             [--steps raw,ingest,views,freshness,api] [--installations N] [--days N] [--keep-data]

            The benchmark: starts the local stack (deploy/local/run --no-demo --fresh on a free port offset, its
            own data folder), runs raw Kafka (ProducerPerformance, ConsumerPerformance), ingest (closed and open
            loop, then every acknowledged ping checked in the topic), views (a year of pings straight into the topic),
            freshness, API and memory, prints the table and writes it with the machine's details to
            bench/results/<time>-<mode>.md and .json and bench/results/latest.md. Then stops the stack.

              --quick              seconds of load, small data: checks that every step runs (figures meaningless)
              --use-running N      use a stack already running with port offset N (0: the default ports);
                                   it is not paused, stopped or cleaned up
              --port-offset N      port offset of the stack to start (default: first free from 600, step 10)
              --data-dir DIR       its data folder (default /tmp/growth-bench-<offset>)
              --out DIR            results folder (default <repo>/bench/results)
              --steps LIST         run only these steps (memory is always measured)
              --installations N    installations of the year in step 3 (full 50000, quick 200)
              --days N             days of that year (full 365, quick 30)
              --keep-data          keep the started stack's broker data and database (else removed at the end)
              --help               this help
            """;

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static BenchOptions parse(List<String> args, Path repo) {
        boolean quick = false;
        Integer useRunning = null;
        Integer portOffset = null;
        Path dataDir = null;
        Path out = repo.resolve("bench/results");
        Set<String> steps = new LinkedHashSet<>(ALL_STEPS);
        Integer installations = null;
        Integer days = null;
        boolean keepData = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--quick" -> quick = true;
                case "--keep-data" -> keepData = true;
                case "--help", "-h" -> help = true;
                case "--use-running" -> useRunning = number(arg, value != null ? value : next(args, i++, arg), 0, 50_000);
                case "--port-offset" -> portOffset = number(arg, value != null ? value : next(args, i++, arg), 0, 50_000);
                case "--data-dir" -> dataDir = Path.of(value != null ? value : next(args, i++, arg)).toAbsolutePath();
                case "--out" -> out = Path.of(value != null ? value : next(args, i++, arg)).toAbsolutePath();
                case "--installations" -> installations = number(arg, value != null ? value : next(args, i++, arg), 1, 10_000_000);
                case "--days" -> days = number(arg, value != null ? value : next(args, i++, arg), 1, 3_000);
                case "--steps" -> {
                    steps = new LinkedHashSet<>();
                    for (String s : (value != null ? value : next(args, i++, arg)).split(",")) {
                        if (!ALL_STEPS.contains(s.trim())) {
                            throw new UsageException("unknown step " + s + " (steps: " + String.join(",", ALL_STEPS) + ")");
                        }
                        steps.add(s.trim());
                    }
                }
                default -> throw new UsageException("unknown option " + args.get(i));
            }
        }
        if (useRunning != null && (portOffset != null || dataDir != null)) {
            throw new UsageException("--use-running takes a running stack: --port-offset and --data-dir are for one it starts");
        }
        return new BenchOptions(quick, useRunning, portOffset, dataDir, out.normalize(), steps, installations, days,
                keepData, help);
    }

    private static String next(List<String> args, int i, String option) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i + 1);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ": " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number: " + value);
        }
    }

    Plan plan() {
        Plan plan = quick ? Plan.quickPlan() : Plan.fullPlan();
        if (installations != null || days != null) {
            plan = plan.withYear(installations != null ? installations : plan.yearInstallations(),
                    days != null ? days : plan.yearDays());
        }
        return plan;
    }
}
