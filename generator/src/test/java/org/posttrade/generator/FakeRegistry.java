package org.posttrade.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal Confluent-compatible registry on the JDK's HTTP server, so the production serializer path
 * (register, then frame with the id) and the real deserializer can be exercised without services.
 */
final class FakeRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final Map<String, Integer> subjects = new LinkedHashMap<>();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized Map<String, Integer> subjects() {
        return Map.copyOf(subjects);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (exchange.getRequestMethod().equals("POST") && path.startsWith("/subjects/") && path.endsWith("/versions")) {
                String subject = path.substring("/subjects/".length(), path.length() - "/versions".length());
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                String schema = body.path("schema").asText();
                int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
                schemas.put(id, schema);
                synchronized (this) {
                    subjects.put(subject, id);
                }
                answer(exchange, 200, JSON.createObjectNode().put("id", id).toString());
            } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/schemas/ids/")) {
                int id = Integer.parseInt(path.substring("/schemas/ids/".length()));
                String schema = schemas.get(id);
                if (schema == null) {
                    answer(exchange, 404, JSON.createObjectNode().put("error_code", 40403)
                            .put("message", "Schema " + id + " not found").toString());
                } else {
                    answer(exchange, 200, JSON.createObjectNode().put("schema", schema).toString());
                }
            } else {
                answer(exchange, 404, "{\"error_code\":404,\"message\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            answer(exchange, 500, "{\"error_code\":500,\"message\":\"" + e + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
