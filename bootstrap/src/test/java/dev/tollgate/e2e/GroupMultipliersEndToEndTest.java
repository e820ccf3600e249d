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

/** Group multipliers (one-api's GroupRatio): a key of a group pays the list price times its group's multiplier. */
class GroupMultipliersEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";
    private final HttpClient http = HttpClient.newHttpClient();

    private int chat(String key, String model) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void givenAGroupWithAMultiplier_whenItsKeyChats_thenItPaysTheListPriceTimesTheMultiplier() throws Exception {
        // given: 12 prompt tokens at 1 unit and 8 completion tokens at 2 units: 28 units at list price
        String model = uniqueModel("multiplied");
        String group = uniqueModel("gold");
        assertThat(admin.post(
                                "/api/v1/channels",
                                Map.of(
                                        "name",
                                        model,
                                        "type",
                                        "openai",
                                        "baseUrl",
                                        UPSTREAM.baseUrl(),
                                        "keys",
                                        List.of("sk-" + model),
                                        "models",
                                        List.of(model),
                                        "groups",
                                        List.of("default", group)))
                        .status())
                .isEqualTo(201);
        admin.setPrice(model, 1_000_000, 2_000_000);
        AdminApi.Reply set = admin.put("/api/v1/group-multipliers/" + group, Map.of("multiplier", 1.5));
        JsonNode gold = admin.createToken(Map.of("name", "gold", "quota", 10_000, "group", group));
        JsonNode plain = admin.createToken(Map.of("name", "plain", "quota", 10_000));

        // when
        int goldStatus = chat(gold.get("key").asText(), model);
        int plainStatus = chat(plain.get("key").asText(), model);

        // then
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(goldStatus).isEqualTo(200);
        assertThat(plainStatus).isEqualTo(200);
        assertThat(admin.get("/api/v1/tokens/" + gold.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(42);
        assertThat(admin.get("/api/v1/tokens/" + plain.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(28);
        assertThat(admin.get("/api/v1/group-multipliers").json().get(group).decimalValue())
                .isEqualByComparingTo("1.5");
    }

    @Test
    void givenBadMultipliersOrAUser_whenSetting_thenRefusedAndNothingChanges() {
        // given
        String group = uniqueModel("silver");
        admin.put("/api/v1/group-multipliers/" + group, Map.of("multiplier", 0.5));
        String username = uniqueModel("multiplier-user");
        admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD));
        AdminApi user = new AdminApi(port).loginAs(username, PASSWORD);

        // when
        AdminApi.Reply text = admin.put("/api/v1/group-multipliers/" + group, Map.of("multiplier", "lots"));
        AdminApi.Reply tooBig = admin.put("/api/v1/group-multipliers/" + group, Map.of("multiplier", 101));
        AdminApi.Reply tooPrecise = admin.put("/api/v1/group-multipliers/" + group, Map.of("multiplier", 1.2345));
        AdminApi.Reply negative = admin.put("/api/v1/group-multipliers/" + group, Map.of("multiplier", -1));
        AdminApi.Reply byUser = user.put("/api/v1/group-multipliers/" + group, Map.of("multiplier", 0.1));
        AdminApi.Reply badImport = admin.post(
                "/api/v1/prices/import/one-api",
                Map.of("ModelRatio", Map.of(uniqueModel("never-priced"), 1), "GroupRatio", Map.of(group, 0.0001)));

        // then
        for (AdminApi.Reply r : List.of(text, tooBig, tooPrecise, negative, badImport)) {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        }
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/group-multipliers").json().get(group).decimalValue())
                .isEqualByComparingTo("0.5");
    }

    @Test
    void givenOneApisGroupRatio_whenImported_thenTheGroupsGetTheirMultipliers() {
        // given
        String a = uniqueModel("imported-vip");
        String b = uniqueModel("imported-svip");

        // when
        AdminApi.Reply imported = admin.post(
                "/api/v1/prices/import/one-api",
                Map.of(
                        "ModelRatio",
                        Map.of(uniqueModel("ratio-model"), 0.5),
                        "GroupRatio",
                        "{\"" + a + "\": 1.25, \"" + b + "\": 2}"));

        // then
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        JsonNode all = admin.get("/api/v1/group-multipliers").json();
        assertThat(all.get(a).decimalValue()).isEqualByComparingTo("1.25");
        assertThat(all.get(b).decimalValue()).isEqualByComparingTo("2");
    }
}
