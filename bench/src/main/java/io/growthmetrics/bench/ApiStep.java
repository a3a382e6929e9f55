package io.growthmetrics.bench;

import io.growthmetrics.bench.http.HttpConnection;
import io.growthmetrics.bench.http.Load;
import org.HdrHistogram.Histogram;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Step 5, API: growth-api under a mix of its queries (the weekly review's: installations per day over 90 days and
 * over the year, breakdowns of a day, weekly growth, this week's KPIs and one KPI's history, the calculator, MRR) at a
 * fixed rate, open loop (latency from the intended send time), over the data the earlier steps left: the year of
 * pings of step 3. Any answer but 200 is an error.
 */
final class ApiStep {

    /** One kind of query, its share of the mix and how to make one. */
    private record Query(String name, int weight, java.util.function.Function<Random, String> path) {
    }

    private ApiStep() {
    }

    static void run(Context ctx, Results.Step step) throws Exception {
        Plan plan = ctx.plan;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(plan.yearDays());
        List<Query> mix = mix(today, first, plan.yearDays());
        int totalWeight = mix.stream().mapToInt(Query::weight).sum();
        String host = Stack.HOST;
        int port = ctx.stack.port("growth-api");
        Map<String, Histogram> byQuery = new LinkedHashMap<>();
        Map<String, long[]> errorsByQuery = new LinkedHashMap<>();
        for (Query q : mix) {
            byQuery.put(q.name(), Load.newHistogram());
            errorsByQuery.put(q.name(), new long[1]);
        }
        boolean[] recording = {false};
        Load.Source source = new Load.Source() {
            @Override
            public Load.Request request(long slot) {
                Random random = new Random(slot * 0x9E3779B97F4A7C15L + ctx.runTag);
                int roll = random.nextInt(totalWeight);
                for (int k = 0; k < mix.size(); k++) {
                    roll -= mix.get(k).weight();
                    if (roll < 0) {
                        return new Load.Request(HttpConnection.get(host, port, mix.get(k).path().apply(random)), slot, k);
                    }
                }
                throw new IllegalStateException();
            }

            @Override
            public boolean completed(Load.Request request, HttpConnection.Response response, long done, long micros) {
                boolean ok = response.status() == 200;
                if (recording[0]) {
                    String name = mix.get(request.kind()).name();
                    synchronized (byQuery) {
                        Histogram h = byQuery.get(name);
                        h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
                        if (!ok) {
                            errorsByQuery.get(name)[0]++;
                        }
                    }
                }
                return ok;
            }
        };
        ctx.console.info("API: warm-up at " + plan.apiRate() + " requests/s, " + plan.apiWarmup().toSeconds() + " s");
        Load.openLoop(host, port, plan.apiConnections(), plan.apiRate(), plan.apiWarmup(), plan.maxLag(), source);
        recording[0] = true;
        ctx.console.info("API: " + plan.apiRate() + " requests/s for " + plan.apiDuration().toSeconds() + " s");
        Load.Result r = Load.openLoop(host, port, plan.apiConnections(), plan.apiRate(), plan.apiDuration(), plan.maxLag(),
                source);
        IngestStep.putLoad(step, "load", r);
        step.row("a mix of growth-api's queries at " + plan.apiRate() + " requests/s (achieved "
                        + Results.format(r.okPerSecond(), 0) + " /s): p50 / p99 / p99.9 corrected (uncorrected)",
                IngestStep.latencies(r) + " (" + IngestStep.uncorrected(r) + ")", "p99 ≤ 10 ms", r.millis(99) <= 10);
        step.row("API errors (any answer but 200)", IngestStep.errorText(r)
                + (r.notSent > 0 ? "; " + r.notSent + " not sent (behind schedule)" : ""), "0",
                r.errors() == 0 && r.notSent == 0);
        Map<String, Object> perQuery = new LinkedHashMap<>();
        List<String> perQueryText = new ArrayList<>();
        for (Query q : mix) {
            Histogram h = byQuery.get(q.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("share", Results.round(100.0 * q.weight() / totalWeight, 1));
            m.put("count", h.getTotalCount());
            m.put("errors", errorsByQuery.get(q.name())[0]);
            m.put("p50Ms", h.getTotalCount() == 0 ? Double.NaN : Results.round(h.getValueAtPercentile(50) / 1000.0, 2));
            m.put("p99Ms", h.getTotalCount() == 0 ? Double.NaN : Results.round(h.getValueAtPercentile(99) / 1000.0, 2));
            perQuery.put(q.name(), m);
            perQueryText.add(q.name() + " (" + m.get("share") + " %): p50 " + m.get("p50Ms") + " ms, p99 " + m.get("p99Ms")
                    + " ms" + (errorsByQuery.get(q.name())[0] > 0 ? ", " + errorsByQuery.get(q.name())[0] + " errors" : ""));
        }
        step.figure("queries", perQuery);
        step.note("Per query (corrected latency): " + String.join("; ", perQueryText) + ".");
        step.note("Dates drawn at random over the year of step 3 (" + first + " .. " + today + "); "
                + plan.apiConnections() + " keep-alive connections; " + plan.apiWarmup().toSeconds()
                + " s of warm-up at the same rate first, not recorded.");
    }

    private static List<Query> mix(LocalDate today, LocalDate first, int days) {
        String[] dimensions = {"driver", "os", "version", "nodejs", "license"};
        String[] series = {"installations", "hostedInstances", "remoteInstances"};
        String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return List.of(
                new Query("installations/daily, 90 days", 25, r -> {
                    LocalDate to = first.plusDays(89 + r.nextInt(Math.max(1, days - 89)));
                    return "/api/v1/installations/daily?from=" + to.minusDays(89) + "&to=" + to;
                }),
                new Query("installations/daily, the year", 10, r -> "/api/v1/installations/daily?from=" + first + "&to="
                        + today + (r.nextInt(4) == 0 ? "&includeDev=true" : "")),
                new Query("installations/breakdown of a day", 25, r -> "/api/v1/installations/breakdown?by="
                        + dimensions[r.nextInt(dimensions.length)] + "&date=" + first.plusDays(r.nextInt(days + 1))),
                new Query("growth/weekly, the year", 15, r -> "/api/v1/growth/weekly?series=" + series[r.nextInt(series.length)]
                        + "&from=" + first + "&to=" + today),
                new Query("kpis of this week", 10, r -> "/api/v1/kpis?week=" + week),
                new Query("kpis/nrActiveInstances/weekly", 5, r -> "/api/v1/kpis/nrActiveInstances/weekly"),
                new Query("growth/calculator", 5, r -> "/api/v1/growth/calculator?start=100&weeklyGrowthPct="
                        + (1 + r.nextInt(20)) + "&weeks=52"),
                new Query("revenue/mrr", 5, r -> "/api/v1/revenue/mrr?currency=usd"));
    }
}
