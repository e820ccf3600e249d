package dev.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Drives Tollgate's admin REST API over real HTTP, as an admin UI or script would. */
final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, headers and the body as JSON (or null when empty). */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String accessToken;

    AdminApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    AdminApi loginAs(String username, String password) {
        Reply reply = call("POST", "/api/v1/auth/login", Map.of("username", username, "password", password), null);
        if (reply.status() != 200) {
            throw new IllegalStateException(
                    "login failed: " + reply.status() + " " + reply.raw().body());
        }
        accessToken = reply.json().get("accessToken").asText();
        return this;
    }

    /** Calls with this bearer token (a personal access token, say) instead of a session. */
    AdminApi withBearer(String bearer) {
        AdminApi other = new AdminApi(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        other.accessToken = bearer;
        return other;
    }

    /** The same session against another node on the same database. */
    AdminApi on(int port) {
        AdminApi other = new AdminApi(port);
        other.accessToken = accessToken;
        return other;
    }

    Reply post(String path, Object body) {
        return call("POST", path, body, accessToken);
    }

    Reply put(String path, Object body) {
        return call("PUT", path, body, accessToken);
    }

    Reply patch(String path, Object body) {
        return call("PATCH", path, body, accessToken);
    }

    Reply get(String path) {
        return call("GET", path, null, accessToken);
    }

    Reply delete(String path) {
        return call("DELETE", path, null, accessToken);
    }

    /** Any method with this body sent as it is (malformed JSON included). */
    Reply raw(String method, String path, String body) {
        return call(method, path, body, accessToken);
    }

    /** Any method with these bytes as the body (invalid UTF-8 included). */
    Reply rawBytes(String method, String path, byte[] body) {
        return call(method, path, body, accessToken);
    }

    /** The bearer token of this session. */
    String accessToken() {
        return accessToken;
    }

    /** A POST with an {@code Idempotency-Key}. */
    Reply postIdempotent(String path, Object body, String idempotencyKey) {
        return call("POST", path, body, accessToken, idempotencyKey);
    }

    Reply call(String method, String path, Object body, String bearer) {
        return call(method, path, body, bearer, null);
    }

    Reply call(String method, String path, Object body, String bearer, String idempotencyKey) {
        try {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            b.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(
                                    body instanceof String s
                                            ? s.getBytes()
                                            : body instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = r.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = !isJson || r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
            return new Reply(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds an OpenAI channel serving {@code model} at {@code baseUrl}; returns its id. */
    String createChannel(
            String name, String baseUrl, String model, int priority, int weight, Map<String, String> modelMapping) {
        Reply r = post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        name,
                        "type",
                        "openai",
                        "baseUrl",
                        baseUrl,
                        "keys",
                        List.of("sk-upstream-" + name),
                        "models",
                        List.of(model),
                        "modelMapping",
                        modelMapping,
                        "groups",
                        List.of("default"),
                        "priority",
                        priority,
                        "weight",
                        weight));
        if (r.status() != 201) {
            throw new IllegalStateException(
                    "channel creation failed: " + r.status() + " " + r.raw().body());
        }
        return r.json().get("id").asText();
    }

    void setPrice(String model, long input, long output) {
        Reply r = put("/api/v1/prices/" + model, Map.of("input", input, "output", output));
        if (r.status() != 200) {
            throw new IllegalStateException(
                    "price failed: " + r.status() + " " + r.raw().body());
        }
    }

    /** Creates a key and returns its JSON (with the clear key in "key"). */
    JsonNode createToken(Map<String, Object> body) {
        Reply r = post("/api/v1/tokens", body);
        if (r.status() != 201) {
            throw new IllegalStateException(
                    "token creation failed: " + r.status() + " " + r.raw().body());
        }
        return r.json();
    }
}
