package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console's channel page needs from the API: a channel's model list read from its upstream
 * ({@code GET /api/v1/channels/{id}/upstream-models}) and every channel tested at once
 * ({@code POST /api/v1/channels/tests}), over real HTTP against a fake provider on loopback.
 */
class ChannelToolsEndToEndTest extends EndToEndTestBase {
    private HttpServer provider;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile String modelsAnswer = "{\"object\":\"list\",\"data\":[{\"id\":\"deepseek-reasoner\","
            + "\"object\":\"model\"},{\"id\":\"deepseek-chat\",\"object\":\"model\"}]}";

    @BeforeEach
    void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/v1/models", exchange -> {
            seen.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Authorization") + " "
                            + exchange.getRequestHeaders().getFirst("X-Tenant"));
            answer(exchange, 200, modelsAnswer.getBytes(StandardCharsets.UTF_8));
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String providerUrl() {
        return "http://127.0.0.1:" + provider.getAddress().getPort();
    }

    private String channel(String name, String type, String baseUrl, String key, Map<String, String> options) {
        AdminApi.Reply r = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        name,
                        "type",
                        type,
                        "baseUrl",
                        baseUrl,
                        "keys",
                        List.of(key),
                        "models",
                        List.of(uniqueModel("tools")),
                        "options",
                        options));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void givenADeepSeekChannel_whenItsUpstreamModelsAreAsked_thenTheProvidersListComesBackSortedWithoutTheKey() {
        // given
        String id = channel(
                uniqueModel("models"),
                "deepseek",
                providerUrl(),
                "sk-models-secret",
                Map.of("header.X-Tenant", "acme"));

        // when
        AdminApi.Reply r = admin.get("/api/v1/channels/" + id + "/upstream-models");

        // then
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("supported").asBoolean()).isTrue();
        assertThat(r.json().get("models"))
                .extracting(JsonNode::asText)
                .containsExactly("deepseek-chat", "deepseek-reasoner");
        assertThat(r.json().get("error").isNull()).isTrue();
        assertThat(seen).containsExactly("GET /v1/models Bearer sk-models-secret acme");
        assertThat(r.raw().body()).doesNotContain("sk-models-secret");
    }

    @Test
    void givenAnAnswerThatIsNoModelList_whenAsked_thenTheErrorSaysSoAndNoModelIsInvented() {
        // given
        modelsAnswer = "{\"data\":\"nope\"}";
        String id = channel(uniqueModel("models-broken"), "openai", providerUrl(), "sk-x", Map.of());

        // when
        JsonNode r = admin.get("/api/v1/channels/" + id + "/upstream-models").json();

        // then
        assertThat(r.get("models")).isEmpty();
        assertThat(r.get("error").asText()).contains("no data array");
    }

    @Test
    void givenAnAzureChannel_whenItsModelsAreAsked_thenNotSupportedAndNothingIsSent() {
        // given
        String id = channel(uniqueModel("models-azure"), "azure", providerUrl(), "azure-key", Map.of());

        // when
        JsonNode r = admin.get("/api/v1/channels/" + id + "/upstream-models").json();

        // then
        assertThat(r.get("supported").asBoolean()).isFalse();
        assertThat(seen).isEmpty();
    }

    @Test
    void givenAnotherOrganisationsPrivateChannel_whenItsModelsAreAsked_then404AndNothingIsSent() {
        // given
        TwoOrganisations cast = TwoOrganisations.create(admin, port, "models");
        AdminApi.Reply created = cast.alice()
                .api()
                .post(
                        "/api/v1/organizations/" + cast.alpha() + "/channels",
                        Map.of(
                                "name",
                                "byok",
                                "type",
                                "openai",
                                "baseUrl",
                                providerUrl(),
                                "keys",
                                List.of("sk-alpha"),
                                "models",
                                List.of(uniqueModel("byok"))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        // when
        AdminApi.Reply other = cast.carol().api().get("/api/v1/channels/" + id + "/upstream-models");
        AdminApi.Reply member = cast.bob().api().get("/api/v1/channels/" + id + "/upstream-models");
        AdminApi.Reply own = cast.dave().api().get("/api/v1/channels/" + id + "/upstream-models");

        // then
        assertThat(other.status()).isEqualTo(404);
        assertThat(member.status()).isEqualTo(404);
        assertThat(own.status()).isEqualTo(200);
        assertThat(seen).containsExactly("GET /v1/models Bearer sk-alpha null");
    }

    @Test
    void givenAHealthyAndARejectedChannel_whenAllAreTested_thenEachHasItsResultAndOnlyTheFilteredOnesAreCalled() {
        // given: two channels with a common prefix on the fake OpenAI upstream, one whose key it refuses
        String prefix = uniqueModel("testall");
        String good = channel(prefix + "-good", "openai", UPSTREAM.baseUrl(), "sk-testall-good", Map.of());
        String bad = channel(prefix + "-bad", "openai", UPSTREAM.baseUrl(), "sk-testall-bad-" + prefix, Map.of());
        UPSTREAM.rejectAuthorization("Bearer sk-testall-bad-" + prefix);

        // when
        AdminApi.Reply r = admin.post("/api/v1/channels/tests?q=" + prefix, null);

        // then
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("tested").asInt()).isEqualTo(2);
        assertThat(r.json().get("succeeded").asInt()).isEqualTo(1);
        assertThat(r.json().get("remaining").asInt()).isZero();
        List<String> lines = new ArrayList<>();
        for (JsonNode line : r.json().get("results")) {
            lines.add(line.get("channelId").asText() + " "
                    + line.get("result").get("success").asBoolean() + " "
                    + line.get("result").get("upstreamStatus").asInt());
        }
        assertThat(lines).containsExactlyInAnyOrder(good + " true 200", bad + " false 401");
    }

    @Test
    void givenAMember_whenTestingAllChannels_then403AndNoChannelIsCalled() {
        // given
        TwoOrganisations.Person member = TwoOrganisations.person(admin, port, uniqueModel("testall-user"), "USER");
        int before = UPSTREAM.received().size();

        // when
        AdminApi.Reply r = member.api().post("/api/v1/channels/tests", null);

        // then
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(UPSTREAM.received()).hasSize(before);
    }

    @Test
    void givenChannels_whenTheListIsFiltered_thenOnlyTheMatchingOnesComeBackWithTheirTotal() {
        // given
        String prefix = uniqueModel("filter");
        channel(prefix + "-one", "deepseek", providerUrl(), "sk-a", Map.of());
        String two = channel(prefix + "-two", "openai", providerUrl(), "sk-b", Map.of());
        assertThat(admin.patch("/api/v1/channels/" + two, Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);

        // when
        JsonNode byName =
                admin.get("/api/v1/channels?q=" + prefix.toUpperCase()).json();
        JsonNode byType =
                admin.get("/api/v1/channels?q=" + prefix + "&type=deepseek").json();
        JsonNode byStatus = admin.get("/api/v1/channels?q=" + prefix + "&status=disabled&group=default")
                .json();

        // then
        assertThat(byName.get("total").asInt()).isEqualTo(2);
        assertThat(byType.get("items")).extracting(c -> c.get("name").asText()).containsExactly(prefix + "-one");
        assertThat(byStatus.get("items")).extracting(c -> c.get("id").asText()).containsExactly(two);
    }

    @Test
    void givenBadFilterValues_whenListing_then400NamingTheField() {
        // when
        AdminApi.Reply status = admin.get("/api/v1/channels?status=broken");
        AdminApi.Reply type = admin.get("/api/v1/channels?type=nosuchtype");
        AdminApi.Reply q = admin.get("/api/v1/tokens?q=" + "x".repeat(101));
        AdminApi.Reply role = admin.get("/api/v1/users?role=king");
        AdminApi.Reply tokenStatus = admin.get("/api/v1/tokens?status=expired");

        // then
        assertThat(List.of(status, type, q, role, tokenStatus)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("invalid_value");
        });
        assertThat(List.of(status, type, q, role, tokenStatus))
                .extracting(r -> r.json().get("field").asText())
                .containsExactly("status", "type", "q", "role", "status");
    }

    @Test
    void givenKeysAndUsers_whenTheirListsAreSearched_thenOnlyMatchesComeBack() {
        // given
        String prefix = uniqueModel("search");
        admin.createToken(Map.of("name", prefix + "-app", "quota", 1000));
        String disabled = admin.createToken(Map.of("name", prefix + "-old", "quota", 1000))
                .get("id")
                .asText();
        assertThat(admin.patch("/api/v1/tokens/" + disabled, Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);
        TwoOrganisations.person(admin, port, prefix + "-ann", "USER");
        TwoOrganisations.person(admin, port, prefix + "-ops", "ADMIN");

        // when
        JsonNode keys =
                admin.get("/api/v1/tokens?q=" + prefix + "&status=enabled").json();
        JsonNode users = admin.get("/api/v1/users?q=" + prefix + "&role=admin&status=enabled")
                .json();

        // then
        assertThat(keys.get("items")).extracting(k -> k.get("name").asText()).containsExactly(prefix + "-app");
        assertThat(users.get("items"))
                .extracting(u -> u.get("username").asText())
                .containsExactly(prefix + "-ops");
        assertThat(users.get("total").asInt()).isEqualTo(1);
    }
}
