package org.posttrade.sinks.clickhouse.migrations;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The few calls the migration runner needs, over ClickHouse's plain HTTP interface (a POST with the SQL as body),
 * which every ClickHouse release since long before 18.16 accepts. Results are read as TabSeparated text.
 * The password only ever goes into the Authorization header.
 */
final class ClickHouseHttp {
    private final URI endpoint;
    private final String authorization;
    private final Duration requestTimeout;
    private final HttpClient http;

    ClickHouseHttp(String url, String user, String password, Duration connectTimeout, Duration requestTimeout) {
        this.endpoint = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** Runs one statement, in {@code database} when it is not null. */
    void execute(String database, String sql) {
        send(database, sql);
    }

    /** Runs a query that ends in {@code FORMAT TabSeparated} and returns its rows, fields unescaped. */
    List<List<String>> queryTabSeparated(String database, String sql) {
        String body = send(database, sql);
        List<List<String>> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                List<String> fields = new ArrayList<>();
                for (String field : line.split("\t", -1)) {
                    fields.add(unescape(field));
                }
                rows.add(fields);
            }
        }
        return rows;
    }

    private String send(String database, String sql) {
        String query = database == null ? "" : "?database=" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(query))
                .timeout(requestTimeout)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MigrationException("cannot reach ClickHouse at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while talking to ClickHouse at " + endpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new MigrationException("ClickHouse at " + endpoint + " refused (HTTP " + response.statusCode() + "): "
                    + response.body().strip() + "\n  statement: " + abbreviate(sql));
        }
        return response.body();
    }

    static String unescape(String field) {
        if (field.equals("\\N")) {
            return null;
        }
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                switch (next) {
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case '0' -> out.append('\0');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
    }
}
