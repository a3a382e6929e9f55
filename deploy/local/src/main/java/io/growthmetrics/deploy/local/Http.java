package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP/1.1 calls to the local services. */
public final class Http {

    /** A response: status and body text. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }

    public static Response get(String url, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        return send(request);
    }

    public static Response post(String url, Map<String, String> headers, HttpRequest.BodyPublisher body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).POST(body);
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** POSTs JSON with the admin bearer token, as the demo seeders do (30 s timeout). */
    public static Response postJsonAsAdmin(String url, String adminToken, String json)
            throws IOException, InterruptedException {
        return post(url, Map.of("Content-Type", "application/json", "Authorization", "Bearer " + adminToken),
                HttpRequest.BodyPublishers.ofString(json), Duration.ofSeconds(30));
    }

    /** True when the URL answers 2xx within a short timeout; false for any error. */
    public static boolean answersOk(String url) throws InterruptedException {
        try {
            return get(url, Duration.ofSeconds(3)).ok();
        } catch (IOException e) {
            return false;
        }
    }

    public static Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
