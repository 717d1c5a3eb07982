package org.posttrade.jobs.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads ClickHouse over HTTP in TabSeparated (client-v2's queryAll silently returns no rows on 18.16). */
public final class ClickHouseQueries {
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ClickHouseQueries(String url) {
        this.url = url.endsWith("/") ? url : url + "/";
    }

    public String query(String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + response.statusCode() + " to [" + sql + "]: " + response.body());
        }
        return response.body().strip();
    }

    public long count(String sql) throws IOException, InterruptedException {
        return Long.parseLong(query(sql));
    }
}
