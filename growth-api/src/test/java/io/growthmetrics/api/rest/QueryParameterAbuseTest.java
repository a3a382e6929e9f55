package io.growthmetrics.api.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.growthmetrics.contracts.testing.Gen;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every query parameter of every endpoint, abused: bad and out-of-range dates, reversed and huge ranges, unknown
 * series, dimensions, currencies and quarters, non-numeric and out-of-range numbers, injection-shaped strings, NUL,
 * unicode look-alikes, very long values, empty and repeated parameters. Each case must be a 400
 * {@code application/problem+json} whose {@code parameter} names the parameter at fault; never a 500. Failures are
 * collected, so one run lists every case that went wrong. Random cases come from the contracts' seeded generators
 * ({@code -Dhostile.seed}, {@code -Dhostile.tries}).
 */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class QueryParameterAbuseTest {

    /** What any parameter must refuse, whatever its type. */
    static final List<String> ANY_BAD = List.of(
            "'; DROP TABLE x; --", "' OR '1'='1", "1; SELECT pg_sleep(10)", "\u0000", "a\u0000b", "%00", "%", "%zz",
            " ", "\t", "\n", "null", "undefined", "[]", "{}", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "∞",
            "日本語", "😀😀😀", "\u202Eabc", "\uFEFF", "x".repeat(1000), "é".repeat(300), "😀".repeat(150));

    static final List<String> BAD_DATES = List.of(
            "2026-13-01", "0000-01-01", "10000-01-01", "2026-1-1", "2026-01-1", "2026-02-30", "2026-02-29",
            "2026-00-10", "2026-01-00", "2026-01-32", "9999-99-99", "26-01-01", "2026/01/01", "01-01-2026",
            "20260101", "2026-01-01T00:00:00Z", "2026-01-01 00:00", " 2026-01-01", "2026-01-01 ", "+2026-01-01",
            "-2026-01-01", "-0001-01-01", "+10000-01-01", "２０２６-01-01", "٢٠٢٦-٠١-٠١", "2026‐01‐01",
            "2026-01-01\u0000", "today", "now", "1767225600", "2026-W01", "2026-Q1");
    static final List<String> BAD_WEEKS_OF_YEAR = List.of("2026-W54", "2027-W53", "2026-W00", "2026-W7", "2026-w47",
            "0000-W01", "10000-W01", "W47", "2026W47", "2026-W47 ", " 2026-W47", "２０２６-W47", "2026-W４７",
            "2026-W47\u0000", "2026-W47-1", "2026-02-30", "2026-13-01", "2026-Q4");
    static final List<String> BAD_BOOLEANS = List.of("yes", "no", "1", "0", "on", "off", "TRUE ", " false", "t",
            "tru", "falsey", "ｔｒｕｅ", "falſe", "true\u0000");
    static final List<String> BAD_CURRENCIES = List.of("us", "usdd", "u$d", "ＵＳＤ", "\u212Aes", "usd ", " usd", "123",
            "dollar", "€", "u\u0000d", "us-d");
    static final List<String> BAD_QUARTERS = List.of("2026-Q0", "2026-Q5", "2026-q1", "0000-Q1", "10000-Q1", "2026Q1",
            "Q1-2026", "2026-Q1 ", "2026-04", "2026-Q１", "２０２６-Q1", "2026-Q1\u0000", "2026-Q+1", "2026-Q-1");
    static final List<String> BAD_DIMENSIONS = List.of("OS", "Driver", "browser", "os ", " os", "driver,os", "os\u0000",
            "ｏｓ", "*", "version%");
    static final List<String> BAD_SERIES = List.of("Installations", "INSTALLATIONS", "revenue", "installations ",
            "snapshot:", "snapshot: x", "snapshot:x ", "snapshot:a\u0000b", "snapshot:a\nb", "snapshot:" + "m".repeat(513),
            "snapshot:no.such.metric", "snapshot", "mrr\u0000", "installations,mrr");
    static final List<String> BAD_POSITIVE = List.of("abc", "NaN", "Infinity", "-Infinity", "0x10", "1e999999999",
            "1e16", "-1e16", "1,000", "1.2.3", "--1", "0", "-5", "-0", "1e-999999999", "١٢٣", "１００", "1_000", "1 000",
            ".", "e5", "1e", "½", "100%");
    static final List<String> BAD_GROWTH = List.of("abc", "NaN", "-100", "-100.0", "-150", "1e16", "Infinity", "0x1",
            "10%", "１０", "1e999999999");
    static final List<String> BAD_WEEKS = List.of("abc", "-1", "5201", "1.5", "1e4", "99999999999999999999", "NaN",
            "0x10", "５２", "52.5", "1e999999999", "1e-1");

    enum Kind {
        DATE(BAD_DATES), BOOL(BAD_BOOLEANS), CURRENCY(BAD_CURRENCIES), QUARTER(BAD_QUARTERS), DIMENSION(BAD_DIMENSIONS),
        SERIES(BAD_SERIES), POSITIVE(BAD_POSITIVE), WEEK(BAD_WEEKS_OF_YEAR), GROWTH(BAD_GROWTH), WEEKS(BAD_WEEKS),
        /** weeks when solving for the rate: at least 1. */
        WEEKS_FROM_1(concat(BAD_WEEKS, List.of("0"))),
        /** weeklyGrowthPct when solving for the weeks: must be above 0. */
        GROWTH_ABOVE_0(concat(BAD_GROWTH, List.of("0", "-5"))),
        /** target when solving for the weeks: above start (100). */
        TARGET(concat(BAD_POSITIVE, List.of("50", "100")));

        final List<String> bad;

        Kind(List<String> bad) {
            this.bad = bad;
        }
    }

    record Param(String name, Kind kind, String good, boolean required) {
    }

    /** One way to call an endpoint: every parameter with a good value; {@code fixed} ones are not abused. */
    record Call(String label, String path, List<Param> params, Map<String, String> fixed) {

        Map<String, String> goodQuery() {
            Map<String, String> query = new LinkedHashMap<>(fixed);
            params.forEach(p -> query.put(p.name(), p.good()));
            return query;
        }
    }

    static Param required(String name, Kind kind, String good) {
        return new Param(name, kind, good, true);
    }

    static Param optional(String name, Kind kind, String good) {
        return new Param(name, kind, good, false);
    }

    static final Param FROM = required("from", Kind.DATE, "2026-01-01");
    static final Param TO = required("to", Kind.DATE, "2026-01-31");
    static final Param CURRENCY = optional("currency", Kind.CURRENCY, "usd");
    static final Param INCLUDE_DEV = optional("includeDev", Kind.BOOL, "true");

    static final List<Call> CALLS = List.of(
            new Call("installations daily", "/api/v1/installations/daily", List.of(FROM, TO, INCLUDE_DEV), Map.of()),
            new Call("installations breakdown", "/api/v1/installations/breakdown",
                    List.of(required("by", Kind.DIMENSION, "os"), optional("date", Kind.DATE, "2026-01-02"), INCLUDE_DEV),
                    Map.of()),
            new Call("weekly installations", "/api/v1/growth/weekly",
                    List.of(required("series", Kind.SERIES, "installations"), FROM, TO, INCLUDE_DEV), Map.of()),
            // series is fixed: another series would not take currency, and say so naming currency
            new Call("weekly mrr", "/api/v1/growth/weekly", List.of(FROM, TO, CURRENCY), Map.of("series", "mrr")),
            new Call("weekly snapshot", "/api/v1/growth/weekly",
                    List.of(required("series", Kind.SERIES, "snapshot:platform.teamCount"), FROM, TO), Map.of()),
            new Call("calculator end", "/api/v1/growth/calculator", List.of(required("start", Kind.POSITIVE, "100"),
                    required("weeklyGrowthPct", Kind.GROWTH, "10"), required("weeks", Kind.WEEKS, "52")), Map.of()),
            new Call("calculator rate", "/api/v1/growth/calculator", List.of(required("start", Kind.POSITIVE, "100"),
                    required("end", Kind.POSITIVE, "14204.29"), required("weeks", Kind.WEEKS_FROM_1, "52")), Map.of()),
            new Call("calculator weeks", "/api/v1/growth/calculator", List.of(required("start", Kind.POSITIVE, "100"),
                    required("target", Kind.TARGET, "1000"), required("weeklyGrowthPct", Kind.GROWTH_ABOVE_0, "10")),
                    Map.of()),
            new Call("mrr", "/api/v1/revenue/mrr", List.of(optional("date", Kind.DATE, "2026-01-02"), CURRENCY), Map.of()),
            new Call("mrr daily", "/api/v1/revenue/mrr/daily", List.of(FROM, TO, CURRENCY), Map.of()),
            new Call("movements", "/api/v1/revenue/movements", List.of(FROM, TO, CURRENCY), Map.of()),
            new Call("carr", "/api/v1/revenue/carr", List.of(required("quarter", Kind.QUARTER, "2026-Q1"), CURRENCY), Map.of()),
            new Call("snapshot metric", "/api/v1/snapshots/metrics/platform.teamCount", List.of(FROM, TO), Map.of()),
            new Call("kpis", "/api/v1/kpis", List.of(optional("week", Kind.WEEK, "2026-W47")), Map.of()),
            new Call("kpi review", "/api/v1/kpis/review", List.of(optional("week", Kind.WEEK, "2026-W47"), CURRENCY),
                    Map.of()),
            new Call("kpi weekly", "/api/v1/kpis/mqls/weekly", List.of(optional("from", Kind.WEEK, "2026-W40"),
                    optional("to", Kind.WEEK, "2026-11-29")), Map.of()));

    /** The endpoints whose from..to is a range bounded by growth-api.max-range-days (3660 in the tests). */
    static final List<Call> RANGES = CALLS.stream().filter(c -> c.params().contains(FROM)).toList();

    private final List<String> failures = new ArrayList<>();
    private int cases;

    @BeforeEach
    void views() {
        TestDatabase.clearInstallations();
        TestDatabase.clearRevenue();
        TestDatabase.clearSnapshots();
        TestDatabase.executeAll("TRUNCATE kpi_definition, kpi_weekly", "INSERT INTO kpi_definition (key, position, name, "
                + "unit, kind, source, target_kind) VALUES ('mqls', 1, 'MQLs', 'leads', 'flow', 'observations', 'none')");
        TestDatabase.insertInstallations(LocalDate.parse("2026-01-04"), true, 5);
        TestDatabase.insertSnapshot(LocalDate.parse("2026-01-02"), "[]", "platform.teamCount", "7");
    }

    @Test
    void everyBadValueOfEveryParameterIsA400NamingIt() {
        for (Call call : CALLS) {
            for (Param param : call.params()) {
                for (String bad : concat(ANY_BAD, param.kind().bad)) {
                    expectBad(call, param.name(), query(call, param.name(), bad));
                }
            }
        }
        report(400);
    }

    @Test
    void missingEmptyAndRepeatedParametersAre400sNamingThem() {
        for (Call call : CALLS) {
            for (Param param : call.params()) {
                if (param.required()) {
                    Map<String, String> query = call.goodQuery();
                    query.remove(param.name());
                    cases++;
                    // Without one of its parameters, a calculator call may be one parameter short of another mode
                    // (start+weeks: weeklyGrowthPct or end?): any calculator parameter may be named, never none.
                    check(call, call.path().endsWith("calculator")
                            ? Set.of("start", "weeklyGrowthPct", "weeks", "end", "target") : Set.of(param.name()),
                            "without " + param.name(), send(call.path(), query, null));
                }
                expectBad(call, param.name(), query(call, param.name(), ""));
                // ?name with no '=' at all
                Map<String, String> without = call.goodQuery();
                without.remove(param.name());
                expectBad(call, param.name(), send(call.path(), without, spec -> spec.queryParam(param.name())));
                // twice, the same value and then two values
                expectBad(call, param.name(), send(call.path(), call.goodQuery(),
                        spec -> spec.queryParam(param.name(), param.good())));
                String other = param.kind() == Kind.DATE ? "2026-01-15" : param.good() + "0";
                expectBad(call, param.name(), send(call.path(), call.goodQuery(), spec -> spec.queryParam(param.name(), other)));
            }
            for (String fixed : call.fixed().keySet()) {
                expectBad(call, fixed, send(call.path(), call.goodQuery(), spec -> spec.queryParam(fixed, call.fixed().get(fixed))));
            }
        }
        report(100);
    }

    @Test
    void reversedAndHugeRangesAre400s() {
        for (Call call : RANGES) {
            expectBad(call, "from", range(call, "2026-02-01", "2026-01-31"));
            expectBad(call, "from", range(call, "9999-12-31", "0001-01-01"));
            expectBad(call, "to", range(call, "2020-01-01", "2030-01-08")); // 3661 days
            expectBad(call, "to", range(call, "0001-01-01", "9999-12-31"));
            expectBad(call, "to", range(call, "2026-01-01", "9999-12-31"));
        }
        report(RANGES.size() * 5);
    }

    @Test
    void theEdgesOfTheCalendarAreFine() {
        for (Call call : RANGES) {
            expectOk(call, range(call, "0001-01-01", "0001-01-31"));
            expectOk(call, range(call, "9999-12-01", "9999-12-31"));
            expectOk(call, range(call, "2020-01-01", "2030-01-07")); // exactly 3660 days
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " edge cases failed:\n" + String.join("\n", failures));
    }

    @Test
    void malformedSnapshotMetricNamesInThePathAre400sNamingName() {
        Call call = new Call("snapshot metric (path)", "/api/v1/snapshots/metrics/{name}", List.of(FROM, TO), Map.of());
        for (String bad : List.of(" x", "x ", "a\u0000b", "a\nb", "a\tb", "\u0007", "m".repeat(513), "😀".repeat(200) + "m".repeat(313))) {
            cases++;
            Response response = given().pathParam("name", bad).queryParams(call.goodQuery()).when().get(call.path());
            check(call, "name", bad, response);
        }
        report(8);
    }

    /**
     * Random values from the contracts' hostile generators for every parameter: whatever comes, never a 5xx, and any
     * 4xx is a problem naming the parameter (a generated value may happen to be valid: then a 200).
     */
    @Test
    void generatedHostileValuesNeverMakeA5xx() {
        Gen gen = Gen.fromSystemProperties();
        int tries = Gen.tries(12);
        List<Supplier<String>> generators = List.of(
                () -> gen.validUnicode(gen.between(1, 80)), gen::withNul, gen::withLoneSurrogate,
                () -> gen.huge(gen.between(41, 1500), gen.chance(0.5)), () -> gen.word(1, 12),
                () -> String.valueOf(gen.random().nextLong()), () -> gen.random().nextDouble() * 1e20 + "",
                () -> LocalDate.ofEpochDay(gen.between(-800_000, 3_000_000)) + gen.pick("", " ", "\u0000", "T00:00"));
        int attempt = 0;
        for (Call call : CALLS) {
            for (Param param : call.params()) {
                for (int i = 0; i < tries; i++, attempt++) {
                    String value = gen.pick(generators).get();
                    cases++;
                    Response response = query(call, param.name(), value);
                    if (response.statusCode() == 200 && !value.isEmpty()
                            || response.statusCode() == 414 || response.statusCode() == 431) {
                        continue; // valid by chance, or a request line too long for the server to read
                    }
                    String where = " (" + gen.where(attempt) + ")";
                    if (response.statusCode() >= 500) {
                        failures.add(call.label() + " " + param.name() + "=" + shown(value) + where + ": "
                                + response.statusCode() + " " + shown(response.asString()));
                    } else {
                        // a valid-looking value may offend in relation to another (a range too long, start above target)
                        check(call, Set.copyOf(call.params().stream().map(Param::name).toList()), param.name() + "=" + value + where,
                                response);
                    }
                }
            }
        }
        report(CALLS.size() * tries);
    }

    /** Long query strings are refused before any endpoint runs (414), or by the endpoint (400); never a 5xx. */
    @Test
    void veryLongQueryStringsAreNever5xx() {
        for (int length : new int[] {4_000, 5_000, 10_000, 100_000}) {
            for (Call call : List.of(CALLS.get(0), CALLS.get(5), CALLS.get(11))) {
                int status = statusOrRefused(() -> query(call, call.params().get(0).name(), "2".repeat(length)));
                cases++;
                if (!Set.of(400, 413, 414, 431, REFUSED).contains(status)) {
                    failures.add(call.label() + " with a " + length + "-character value: " + status);
                }
            }
            StringBuilder many = new StringBuilder("/api/v1/installations/daily?from=2026-01-01&to=2026-01-31");
            for (int i = 0; many.length() < length; i++) {
                many.append("&p").append(i).append("=1");
            }
            int status = statusOrRefused(() -> given().urlEncodingEnabled(false).when().get(many.toString()));
            cases++;
            if (!Set.of(200, 400, 413, 414, 431, REFUSED).contains(status)) {
                failures.add("installations daily with " + length + " characters of extra parameters: " + status);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " long queries failed:\n" + String.join("\n", failures));
    }

    /**
     * Percent-encodings that decode to nothing sensible, sent as they are. A broken escape ({@code %}, {@code %zz})
     * is refused by the HTTP server itself, before any route, with a bare 400 (no body); escapes of invalid UTF-8
     * decode to U+FFFD and reach the endpoint, which names the parameter.
     */
    @Test
    void malformedPercentEncodingIsNever5xx() {
        int decodedAndNamed = 0;
        for (String raw : List.of("%", "%2", "%zz", "%ff%fe", "%c0%80", "%ed%a0%80", "2026-01-01%00", "%E2%80%AE2026",
                "2026-01-01%", "%%", "%u0041")) {
            String[] response = rawGet("/api/v1/installations/daily?from=" + raw + "&to=2026-01-31");
            cases++;
            if (!response[0].contains(" 400 ")) {
                failures.add("from=" + raw + " (raw): " + response[0] + " " + shown(response[1]));
            } else if (!response[1].isEmpty() && !response[1].contains("\"parameter\":\"from\"")) {
                failures.add("from=" + raw + " (raw): a body that does not name from: " + shown(response[1]));
            } else if (!response[1].isEmpty()) {
                decodedAndNamed++;
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " raw encodings failed:\n" + String.join("\n", failures));
        assertTrue(decodedAndNamed >= 4, "the decodable ones reach the endpoint: " + decodedAndNamed);
    }

    /** After all of the above, the same application still answers good requests. */
    @Test
    void goodRequestsAfterTheAbuseStillAnswer200() {
        everyBadValueOfEveryParameterIsA400NamingIt();
        for (Call call : CALLS) {
            expectOk(call, send(call.path(), call.goodQuery(), null));
        }
        Response daily = send("/api/v1/installations/daily",
                Map.of("from", "2026-01-03", "to", "2026-01-05", "includeDev", "true"), null);
        assertTrue(daily.statusCode() == 200 && daily.jsonPath().getList("installations").equals(List.of(0, 5, 0)),
                () -> "installations after the abuse: " + daily.asString());
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    // ---- helpers ----

    private Response query(Call call, String name, String value) {
        Map<String, String> query = call.goodQuery();
        query.put(name, value);
        return send(call.path(), query, null);
    }

    private Response range(Call call, String from, String to) {
        Map<String, String> query = call.goodQuery();
        query.put("from", from);
        query.put("to", to);
        return send(call.path(), query, null);
    }

    private static Response send(String path, Map<String, String> query, java.util.function.UnaryOperator<RequestSpecification> extra) {
        RequestSpecification spec = given();
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            spec = spec.queryParam(parameter.getKey(), parameter.getValue());
        }
        if (extra != null) {
            spec = extra.apply(spec);
        }
        return spec.when().get(path);
    }

    private void expectBad(Call call, String parameter, Response response) {
        cases++;
        check(call, parameter, "(see the request)", response);
    }

    private void expectOk(Call call, Response response) {
        if (response.statusCode() != 200) {
            failures.add(call.label() + ": expected 200, got " + response.statusCode() + " " + shown(response.asString()));
        }
    }

    /** 400, problem+json with type/title/status/detail/parameter, the parameter named, and nothing else in the body. */
    private void check(Call call, String parameter, String value, Response response) {
        check(call, Set.of(parameter), parameter + "=" + value, response);
    }

    private void check(Call call, Set<String> parameters, String value, Response response) {
        String where = call.label() + " " + shown(value) + ": ";
        if (response.statusCode() != 400) {
            failures.add(where + "status " + response.statusCode() + " " + shown(response.asString()));
            return;
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            failures.add(where + "content type " + response.contentType());
            return;
        }
        JsonPath body = response.jsonPath();
        Map<String, Object> problem = body.getMap("$");
        if (!Set.of("type", "title", "status", "detail", "parameter").equals(problem.keySet())
                || !Integer.valueOf(400).equals(problem.get("status")) || !"Bad Request".equals(problem.get("title"))) {
            failures.add(where + "not the problem shape: " + shown(response.asString()));
            return;
        }
        Object named = problem.get("parameter");
        if (!parameters.contains(named)) {
            failures.add(where + "names '" + named + "' — " + shown(String.valueOf(problem.get("detail"))));
        } else if (!String.valueOf(problem.get("detail")).contains(String.valueOf(named))) {
            failures.add(where + "the detail does not say '" + named + "': " + shown(String.valueOf(problem.get("detail"))));
        }
    }

    /** The server may close the connection on a request line it will not read to the end: not a 5xx either. */
    private static final int REFUSED = -1;

    private static int statusOrRefused(Supplier<Response> request) {
        try {
            return request.get().statusCode();
        } catch (Exception e) {
            // rest-assured rethrows the socket's checked IOException as it is (a broken pipe while the long request
            // line is still being written, once the server has answered 414 and closed), so look through the chain
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.io.IOException || cause instanceof java.io.UncheckedIOException
                        || cause.getClass().getName().contains("Http")) {
                    return REFUSED;
                }
            }
            throw e;
        }
    }

    /**
     * The status line and the body of a GET sent byte for byte as given: rest-assured and java.net refuse to send
     * a malformed percent-encoding at all.
     */
    private static String[] rawGet(String target) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int endOfLine = answer.indexOf("\r\n");
            int body = answer.indexOf("\r\n\r\n");
            return new String[] {endOfLine < 0 ? answer : answer.substring(0, endOfLine), body < 0 ? "" : answer.substring(body + 4)};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Checks that the test generated at least {@code minimum} cases, then fails listing every case that went wrong. */
    private void report(int minimum) {
        System.out.println(getClass().getSimpleName() + ": " + cases + " cases, " + failures.size() + " failed");
        assertTrue(cases >= minimum, "only " + cases + " cases");
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + cases + " cases failed:\n" + String.join("\n", failures));
    }

    private static String shown(String s) {
        String escaped = s.replace("\u0000", "\\0").replace("\n", "\\n");
        return escaped.length() <= 120 ? escaped : escaped.substring(0, 120) + "…(" + s.length() + " chars)";
    }

    static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
