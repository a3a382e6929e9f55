package io.growthmetrics.bench;

import io.growthmetrics.bench.http.HttpConnection;

import java.io.IOException;
import java.net.URI;

/** Reads one counter out of a service's Prometheus text at {@code /q/metrics}. */
public final class ServiceMetrics {

    private ServiceMetrics() {
    }

    /**
     * The sum of every sample of {@code name} whose labels contain all of {@code labels} (e.g. {@code
     * topic="telemetry.pings.v1"}); NaN when the service does not answer.
     */
    public static double sum(String baseUrl, String name, String... labels) {
        URI uri = URI.create(baseUrl);
        try (HttpConnection connection = new HttpConnection(uri.getHost(), uri.getPort(), 10_000)) {
            HttpConnection.Response response = connection.exchange(HttpConnection.get(uri.getHost(), uri.getPort(),
                    "/q/metrics",
                    "text/plain"));
            if (response.status() != 200) {
                return Double.NaN;
            }
            return sumIn(response.text(), name, labels);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static double sumIn(String text, String name, String... labels) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (!all) {
                continue;
            }
            String value = line.substring(line.lastIndexOf(' ') + 1);
            total += Double.parseDouble(value);
            found = true;
        }
        return found ? total : 0;
    }
}
