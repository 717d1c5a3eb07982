package org.posttrade.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API (also served by Apicurio's ccompat API and other compatible
 * registries). Schemas by id and ids by (subject, schema) are cached for the life of the client: an id never
 * changes its schema, so a cache hit needs no request.
 *
 * <p>Confluent's own client is not on Maven Central (the one Flink bundles is relocated together with Avro), and
 * the API takes four calls, so this small client over the JDK's HttpClient is the dependable choice.
 */
public final class SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.requestTimeout());
        if (!config.tls().isDefault()) {
            builder.sslContext(SslContexts.from(config.tls()));
        }
        this.http = builder.build();
        this.authorization = config.basicAuthUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    }

    public RegistryConfig config() { return config; }

    /** Registers the schema under the subject (a no-op returning the existing id when it is already there). */
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new RegistryException("registry answered without an id: " + answer, 200, -1, null);
        }
        remember(cacheKey, id, schema);
        return id;
    }

    /** The id of a schema already registered under the subject; RegistryException 404 when it is not. */
    public int lookup(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        remember(cacheKey, id, schema);
        return id;
    }

    /** The writer schema of an id, as the wire format names it in every record. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        String text = answer.path("schema").asText(null);
        if (text == null) {
            throw new RegistryException("registry answered without a schema for id " + id + ": " + answer, 200, -1, null);
        }
        Schema schema = new Schema.Parser().parse(text);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** Sets the subject's compatibility level, e.g. BACKWARD. */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config/" + encode(subject), body.toString());
    }

    /** All subjects the registry knows. */
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private void remember(String cacheKey, int id, Schema schema) {
        idsBySubjectAndSchema.putIfAbsent(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** Sends to each configured URL in turn until one answers; a refusal (4xx) is final and not tried elsewhere. */
    private JsonNode send(String method, String path, String body) {
        RegistryException last = null;
        for (String base : config.urls()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(config.requestTimeout())
                    .header("Accept", CONTENT_TYPE + ", application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body() == null || response.body().isBlank()
                        ? JSON.createObjectNode() : JSON.readTree(response.body());
                if (response.statusCode() / 100 == 2) {
                    return json;
                }
                RegistryException refused = new RegistryException(method + " " + path + " answered "
                        + response.statusCode() + ": " + json.path("message").asText(response.body()),
                        response.statusCode(), json.path("error_code").asInt(-1), null);
                if (refused.isPermanent()) {
                    throw refused;
                }
                last = refused;
            } catch (IOException e) {
                last = new RegistryException("schema registry at " + base + " unreachable: " + e, -1, -1, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while calling the schema registry", -1, -1, e);
            }
        }
        throw last;
    }
}
