package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key's group selects the channels that serve it (one-api's groups): a key only reaches its group's channels. */
class GroupRoutingEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    private void channel(String name, String baseUrl, String model, List<String> groups) {
        AdminApi.Reply r = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        name,
                        "type",
                        "openai",
                        "baseUrl",
                        baseUrl,
                        "keys",
                        List.of("sk-" + name),
                        "models",
                        List.of(model),
                        "groups",
                        groups));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    }

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

    private String models(String key) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/models"))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void givenChannelsInTwoGroups_whenKeysOfEachGroupChat_thenEachReachesOnlyItsGroupsChannel() throws Exception {
        try (FakeOpenAiUpstream standard = new FakeOpenAiUpstream();
                FakeOpenAiUpstream premium = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("groups");
            String vipOnly = uniqueModel("groups-vip-only");
            channel("standard-" + model, standard.baseUrl(), model, List.of("default"));
            channel("premium-" + model, premium.baseUrl(), model, List.of("vip"));
            channel("premium-" + vipOnly, premium.baseUrl(), vipOnly, List.of("vip"));
            admin.setPrice(model, 1, 1);
            admin.setPrice(vipOnly, 1, 1);
            JsonNode vip = admin.createToken(Map.of("name", "vip", "unlimitedQuota", true, "group", "vip"));
            JsonNode plain = admin.createToken(Map.of("name", "plain", "unlimitedQuota", true));

            // when
            for (int i = 0; i < 3; i++) {
                assertThat(chat(vip.get("key").asText(), model).statusCode()).isEqualTo(200);
                assertThat(chat(plain.get("key").asText(), model).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> plainAsksVipModel = chat(plain.get("key").asText(), vipOnly);

            // then
            assertThat(premium.received()).hasSize(3);
            assertThat(standard.received()).hasSize(3);
            assertThat(plainAsksVipModel.statusCode()).isEqualTo(404);
            assertThat(models(vip.get("key").asText())).contains(vipOnly);
            assertThat(models(plain.get("key").asText())).doesNotContain(vipOnly);
            assertThat(vip.get("group").asText()).isEqualTo("vip");
            assertThat(plain.get("group").asText()).isEqualTo("default");
        }
    }

    @Test
    void givenAKeyMovedToAnotherGroup_thenItsNextRequestGoesToThatGroup() throws Exception {
        try (FakeOpenAiUpstream first = new FakeOpenAiUpstream();
                FakeOpenAiUpstream second = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("regroup");
            channel("a-" + model, first.baseUrl(), model, List.of("default"));
            channel("b-" + model, second.baseUrl(), model, List.of("team-b"));
            admin.setPrice(model, 1, 1);
            JsonNode token = admin.createToken(Map.of("name", "mover", "unlimitedQuota", true));
            assertThat(chat(token.get("key").asText(), model).statusCode()).isEqualTo(200);

            // when
            AdminApi.Reply moved =
                    admin.patch("/api/v1/tokens/" + token.get("id").asText(), Map.of("group", "team-b"));
            HttpResponse<String> after = chat(token.get("key").asText(), model);

            // then
            assertThat(moved.json().get("group").asText()).isEqualTo("team-b");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(first.received()).hasSize(1);
            assertThat(second.received()).hasSize(1);
        }
    }
}
