package io.growthmetrics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.growthmetrics.bench.http.HttpConnection;
import io.growthmetrics.bench.pings.YearOfPings;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads growth-api's installations per day over one keep-alive connection (not thread-safe). */
final class GrowthApiReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final int port;
    private final HttpConnection connection;

    GrowthApiReader(Stack stack) {
        this.host = Stack.HOST;
        this.port = stack.port("growth-api");
        this.connection = new HttpConnection(host, port, 30_000);
    }

    /** {@code GET /api/v1/installations/daily}: each day's figures. */
    Map<LocalDate, YearOfPings.Figures> daily(LocalDate from, LocalDate to, boolean includeDev) throws IOException {
        HttpConnection.Response response = connection.exchange(HttpConnection.get(host, port,
                "/api/v1/installations/daily?from=" + from + "&to=" + to + (includeDev ? "&includeDev=true" : "")));
        if (response.status() != 200) {
            throw new IOException("growth-api answered " + response.status() + ": " + abbreviate(response.text()));
        }
        Map<LocalDate, YearOfPings.Figures> days = new LinkedHashMap<>();
        for (JsonNode row : JSON.readTree(response.body())) {
            days.put(LocalDate.parse(row.get("date").asText()), new YearOfPings.Figures(row.get("installations").asLong(),
                    row.get("hostedInstances").asLong(), row.get("remoteInstances").asLong(), row.get("added").asLong(),
                    row.get("removed").asLong()));
        }
        return days;
    }

    YearOfPings.Figures day(LocalDate day, boolean includeDev) throws IOException {
        YearOfPings.Figures f = daily(day, day, includeDev).get(day);
        if (f == null) {
            throw new IOException("growth-api gave no row for " + day);
        }
        return f;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public void close() {
        connection.close();
    }
}
