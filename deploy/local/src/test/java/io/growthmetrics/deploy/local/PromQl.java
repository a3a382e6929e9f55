package io.growthmetrics.deploy.local;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PromQL of deploy/prometheus' alert rules, and asking PromQL of a real Prometheus. */
final class PromQl {

    private PromQl() {
    }

    /** "alert Name" → its expression with {@code bool} after each comparison ({@link #comparisonsAsBool}). */
    @SuppressWarnings("unchecked")
    static Map<String, String> alertExpressionsAsBool(Path alertsYml) throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(alertsYml, StandardCharsets.UTF_8));
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.put("alert " + rule.get("alert"), comparisonsAsBool(rule.get("expr").toString()));
            }
        }
        return expressions;
    }

    /**
     * The expression with {@code bool} after every comparison operator outside label matchers and strings:
     * {@code up == 0} becomes {@code up == bool 0}, which returns every series of {@code up} (1 where the condition
     * holds, 0 where not) instead of only those that would fire.
     */
    static String comparisonsAsBool(String expression) {
        StringBuilder out = new StringBuilder(expression.length() + 16);
        int braces = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            char next = i + 1 < expression.length() ? expression.charAt(i + 1) : 0;
            out.append(c);
            if (quote != 0) {
                if (c == '\\' && next != 0) {
                    out.append(next);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            } else if (braces == 0 && ((c == '=' || c == '!') && next == '=' || c == '>' || c == '<')) {
                if (next == '=') {
                    out.append(next);
                    i++;
                }
                out.append(" bool");
            }
        }
        return out.toString();
    }

    /** How many series an instant query returns now; a query Prometheus refuses (e.g. does not parse) fails. */
    static int seriesReturned(String prometheusUrl, String expression) throws IOException, InterruptedException {
        Http.Response response = Http.get(prometheusUrl + "/api/v1/query?query="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8), Duration.ofSeconds(15));
        JsonObject reply = JsonParser.parseString(response.body()).getAsJsonObject();
        if (response.status() != 200 || !"success".equals(reply.get("status").getAsString())) {
            throw new AssertionError("Prometheus refused " + expression + ": " + response.status() + " " + response.body());
        }
        JsonObject data = reply.getAsJsonObject("data");
        return "vector".equals(data.get("resultType").getAsString()) || "matrix".equals(data.get("resultType").getAsString())
                ? data.getAsJsonArray("result").size() : 1;
    }
}
