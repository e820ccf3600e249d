package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 11: whoever may edit a channel must not be able to send its stored keys to a server of their choice.
 * A new base URL on another host (or port, or scheme) needs the keys again; a new path on the same server does not.
 */
class ChannelHostChangeEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenAChannel_whenItsHostChangesWithoutKeys_then400AndTheStoredKeysNeverReachTheNewHost() throws Exception {
        try (FakeOpenAiUpstream attacker = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("host-change");
            String id = admin.createChannel("hc-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "hc", "quota", 100_000))
                    .get("key")
                    .asText();

            // when
            AdminApi.Reply moved = admin.patch("/api/v1/channels/" + id, Map.of("baseUrl", attacker.baseUrl()));
            AdminApi.Reply movedByName = admin.patch(
                    "/api/v1/channels/" + id,
                    Map.of("baseUrl", attacker.baseUrl().replace("127.0.0.1", "localhost")));
            HttpResponse<String> served = chat(key, model);

            // then
            assertThat(moved.status()).as(moved.raw().body()).isEqualTo(400);
            assertThat(moved.json().get("field").asText()).isEqualTo("keys");
            assertThat(movedByName.status()).isEqualTo(400);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(attacker.received()).isEmpty();
            assertThat(admin.get("/api/v1/channels/" + id).json().get("baseUrl").asText())
                    .isEqualTo(UPSTREAM.baseUrl());
        }
    }

    @Test
    void givenAChannel_whenItsHostChangesWithItsKeysOrOnlyItsPathChanges_thenTheChangeIsTaken() throws Exception {
        try (FakeOpenAiUpstream other = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("host-change-ok");
            String id = admin.createChannel("hc-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "hc", "quota", 100_000))
                    .get("key")
                    .asText();

            // when
            AdminApi.Reply samePlace =
                    admin.patch("/api/v1/channels/" + id, Map.of("baseUrl", UPSTREAM.baseUrl() + "/"));
            AdminApi.Reply withKeys = admin.patch(
                    "/api/v1/channels/" + id,
                    Map.of("baseUrl", other.baseUrl(), "keys", List.of("sk-for-the-new-host")));
            HttpResponse<String> served = chat(key, model);

            // then
            assertThat(samePlace.status()).as(samePlace.raw().body()).isEqualTo(200);
            assertThat(withKeys.status()).as(withKeys.raw().body()).isEqualTo(200);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(other.received())
                    .extracting(FakeOpenAiUpstream.Received::authorization)
                    .containsExactly("Bearer sk-for-the-new-host");
        }
    }
}
