package org.posttrade.sinks.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INSERT over ClickHouse's HTTP interface with the JDK's HTTP client.
 *
 * <p>Why not client-v2's {@code Client.insert}: against ClickHouse 18.16 (which sends no X-ClickHouse-Exception-Code
 * header) client-v2 0.9.4 throws {@code ServerException} with code 0 and the text "<Unreadable error message>", so
 * the sink could neither tell a bad row from an outage nor tell anyone why a row was refused. Here the code comes
 * from the header when the server sends one (current releases) and from the body otherwise (both formats). The
 * RowBinary bytes are still produced by client-v2's {@code RowBinaryFormatWriter}.
 *
 * <p>Several endpoints fail over in turn: after a transient failure the next attempt goes to the next endpoint.
 */
final class HttpClickHouseInserter implements ClickHouseInserter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpClickHouseInserter.class);
    private static final String EXCEPTION_CODE_HEADER = "X-ClickHouse-Exception-Code";
    private static final int MAX_MESSAGE_CHARS = 4000;

    private final HttpClient http;
    private final List<URI> uris;
    private final String authorization;
    private final ClickHouseSinkSettings settings;
    private int current;

    HttpClickHouseInserter(ClickHouseSinkSettings settings, String password, String insertStatement) {
        this.settings = settings;
        // ClickHouse speaks HTTP/1.1 only; the JDK client would otherwise offer an h2c upgrade on every request
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
        String query = "?query=" + URLEncoder.encode(insertStatement, StandardCharsets.UTF_8);
        this.uris = settings.endpoints().stream().map(e -> URI.create(e + "/" + query)).toList();
        this.authorization = settings.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code INSERT INTO `db`.`table` (`a`, `b`) FORMAT RowBinary}: named columns, so added columns keep defaults. */
    static String insertStatement(String database, String table, List<String> columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(database)).append('.').append(quote(table))
                .append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
        }
        return sql.append(") FORMAT RowBinary").toString();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    @Override
    public void insert(byte[] data, int offset, int length) throws InsertException, InterruptedException {
        URI uri = uris.get(current);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data, offset, length));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // refused, reset, timed out: no answer, so nothing is known about the rows
            InsertException failure = new InsertException(ErrorKind.TRANSIENT, 0, 0, describe(e), e);
            failOver();
            throw failure;
        }
        String body = response.body();
        int headerCode = response.headers().firstValue(EXCEPTION_CODE_HEADER).map(HttpClickHouseInserter::toInt)
                .orElse(0);
        if (response.statusCode() == 200 && headerCode == 0 && !looksLikeException(body)) {
            return;
        }
        InsertException failure = InsertException.fromServer(response.statusCode(), headerCode, truncate(body));
        if (failure.kind() == ErrorKind.TRANSIENT) {
            failOver();
        }
        throw failure;
    }

    /** A 200 whose body carries an exception: the server failed after it had sent the headers. */
    private static boolean looksLikeException(String body) {
        return body != null && body.contains("DB::Exception") && ClickHouseErrors.parseCode(body) > 0;
    }

    private void failOver() {
        if (uris.size() > 1) {
            int next = (current + 1) % uris.size();
            LOG.info("ClickHouse endpoint {} failed, next attempt goes to {}", settings.endpoints().get(current),
                    settings.endpoints().get(next));
            current = next;
        }
    }

    private String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message) + " (endpoint "
                + settings.endpoints().get(current) + ")";
    }

    private static String truncate(String body) {
        return body == null || body.length() <= MAX_MESSAGE_CHARS ? body : body.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static int toInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
