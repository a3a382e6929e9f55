package io.growthmetrics.bench;

import java.nio.file.Path;

/** What every step works with. */
final class Context {
    final Path repo;
    final Plan plan;
    final Stack stack;
    final Kafka kafka;
    final Console console;
    final Path workDir;
    final int runTag;
    final Results results;
    final MemorySampler memory;

    /** Step 1's ProducerPerformance records/s (NaN until it ran): the ingest's target is a share of it. */
    double rawProducerRecordsPerSecond = Double.NaN;

    Context(Path repo, Plan plan, Stack stack, Kafka kafka, Console console, Path workDir, int runTag, Results results,
            MemorySampler memory) {
        this.repo = repo;
        this.plan = plan;
        this.stack = stack;
        this.kafka = kafka;
        this.console = console;
        this.workDir = workDir;
        this.runTag = runTag;
        this.results = results;
        this.memory = memory;
    }

    String machineValue(String key) {
        Object v = results.machine.get(key);
        return v == null ? "unknown" : v.toString();
    }
}
