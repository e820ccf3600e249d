package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organisations' private channels (bring your own key): created and managed by the organisation's OWNER and ADMINs,
 * used only by the organisation's keys (before the platform's channels), invisible to everyone else, their upstream
 * key never shown, their base URL never pointing into the gateway's network. Alpha: alice OWNER, dave ADMIN, bob
 * MEMBER; Beta: carol OWNER. Private channels talk to the second fake upstream, platform channels to the first.
 */
class PrivateChannelsEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();
    /** Every admin API answer of a test, to prove the upstream key is never in one. */
    private final List<String> answers = new ArrayList<>();

    private TwoOrganisations.Person alice;
    private TwoOrganisations.Person dave;
    private TwoOrganisations.Person bob;
    private TwoOrganisations.Person carol;
    private String a;
    private String b;
    private String secret;

    @BeforeEach
    void organisations() {
        TwoOrganisations cast = TwoOrganisations.create(admin, port, "byok");
        alice = cast.alice();
        dave = cast.dave();
        bob = cast.bob();
        carol = cast.carol();
        a = cast.alpha();
        b = cast.beta();
        secret = "sk-byok-secret-" + uniqueModel("k");
    }

    private AdminApi.Reply seen(AdminApi.Reply reply) {
        answers.add(reply.raw().body());
        return reply;
    }

    private Map<String, Object> channelBody(String baseUrl, String... models) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "name",
                "byok",
                "type",
                "openai",
                "baseUrl",
                baseUrl,
                "keys",
                List.of(secret),
                "models",
                List.of(models)));
        return body;
    }

    private String createPrivate(TwoOrganisations.Person who, String org, String... models) {
        AdminApi.Reply r = seen(who.api()
                .post("/api/v1/organizations/" + org + "/channels", channelBody(SECOND_UPSTREAM.baseUrl(), models)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String keyIn(TwoOrganisations.Person who, String org) {
        AdminApi.Reply r =
                who.api().post("/api/v1/organizations/" + org + "/tokens", Map.of("name", "k", "unlimitedQuota", true));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    private void fund(String org) {
        AdminApi.Reply r = admin.post(
                "/api/v1/organizations/" + org + "/wallet/credits",
                Map.of("amount", 1_000_000, "reason", "test funds"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long receivedFor(FakeOpenAiUpstream upstream, String model) {
        return upstream.received().stream()
                .filter(r ->
                        r.body() != null && model.equals(r.body().path("model").asText()))
                .count();
    }

    private List<String> models(String key) {
        List<String> ids = new ArrayList<>();
        admin.call("GET", "/v1/models", null, key)
                .json()
                .get("data")
                .forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }

    private List<String> auditActions(TwoOrganisations.Person who, String org, String channelId) {
        List<String> actions = new ArrayList<>();
        seen(who.api().get("/api/v1/audit-log?size=100&organizationId=" + org))
                .json()
                .get("items")
                .forEach(e -> {
                    if (channelId.equals(e.path("targetId").asText())) {
                        actions.add(e.get("action").asText());
                    }
                });
        return actions;
    }

    @Test
    void givenAPrivateChannelOfAlpha_whenKeysOfAlphaAndBetaAsk_thenOnlyAlphasKeysReachItAndBeforeThePlatform()
            throws Exception {
        // given: "own" is served only by Alpha's private channel, "shared" also by a platform channel
        String own = uniqueModel("byok-own");
        String shared = uniqueModel("byok-shared");
        String channel = createPrivate(dave, a, own, shared);
        admin.createChannel("platform-" + shared, UPSTREAM.baseUrl(), shared, 10, 1, Map.of());
        admin.setPrice(own, 0, 1_000_000);
        admin.setPrice(shared, 0, 1_000_000);
        fund(a);
        fund(b);
        String bobKey = keyIn(bob, a);
        String carolKey = keyIn(carol, b);

        // when
        HttpResponse<String> bobOwn = chat(bobKey, own);
        HttpResponse<String> bobShared = chat(bobKey, shared);
        HttpResponse<String> carolOwn = chat(carolKey, own);
        HttpResponse<String> carolShared = chat(carolKey, shared);

        // then: Alpha's member is served by the private channel, with its key, even for the model the platform
        // serves at a higher priority
        assertThat(bobOwn.statusCode()).as(bobOwn.body()).isEqualTo(200);
        assertThat(bobShared.statusCode()).as(bobShared.body()).isEqualTo(200);
        assertThat(receivedFor(SECOND_UPSTREAM, own)).isEqualTo(1);
        assertThat(SECOND_UPSTREAM.received().stream()
                        .filter(r -> own.equals(r.body().path("model").asText()))
                        .map(FakeOpenAiUpstream.Received::authorization))
                .containsExactly("Bearer " + secret);
        assertThat(receivedFor(SECOND_UPSTREAM, shared)).isEqualTo(1);
        // Beta's key never reaches it: the private-only model does not exist for Beta, the shared one is served by
        // the platform
        assertThat(carolOwn.statusCode()).isEqualTo(404);
        assertThat(carolOwn.body()).contains("model_not_found");
        assertThat(carolShared.statusCode()).as(carolShared.body()).isEqualTo(200);
        assertThat(receivedFor(UPSTREAM, shared)).isEqualTo(1);
        assertThat(receivedFor(SECOND_UPSTREAM, shared)).isEqualTo(1);
        // the model list of a key includes its organisation's private models, and only those
        assertThat(models(bobKey)).contains(own, shared);
        assertThat(models(carolKey)).contains(shared).doesNotContain(own);
        // the organisation's wallet paid, as for any channel
        assertThat(alice.api()
                        .get("/api/v1/organizations/" + a + "/wallet")
                        .json()
                        .get("used")
                        .asLong())
                .isPositive();
        // a disabled private channel serves no one
        assertThat(seen(dave.api().patch("/api/v1/channels/" + channel, Map.of("status", "disabled")))
                        .status())
                .isEqualTo(200);
        assertThat(chat(bobKey, own).statusCode()).isEqualTo(404);
        assertThat(answers).noneMatch(body -> body.contains(secret));
    }

    @Test
    void givenAPrivateChannel_whenPeopleInAndOutsideTheOrganisationManageIt_thenOnlyOwnersAdminsAndPlatformAdminsCan()
            throws Exception {
        // given
        String model = uniqueModel("byok-manage");
        String channel = createPrivate(dave, a, model);
        String byId = "/api/v1/channels/" + channel;

        // when / then: Alpha's owner and admin see and change it
        AdminApi.Reply created = seen(alice.api().get(byId));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("organizationId").asText()).isEqualTo(a);
        assertThat(created.json().get("groups")).isEmpty();
        assertThat(created.json().get("keys").get(0).asText())
                .doesNotContain(secret)
                .contains("****");
        AdminApi.Reply renamed = seen(dave.api().patch(byId, Map.of("name", "renamed", "priority", 3)));
        assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("renamed");
        AdminApi.Reply listed = seen(alice.api().get("/api/v1/organizations/" + a + "/channels"));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items").get(0).get("id").asText()).isEqualTo(channel);
        // the list filters (name, status, model); a bad filter is a 400 for those who may list, after the access check
        AdminApi.Reply filtered = seen(
                alice.api().get("/api/v1/organizations/" + a + "/channels?q=RENAMED&status=enabled&model=" + model));
        assertThat(filtered.json().get("items").get(0).get("id").asText()).isEqualTo(channel);
        assertThat(seen(alice.api().get("/api/v1/organizations/" + a + "/channels?status=disabled"))
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(seen(alice.api().get("/api/v1/organizations/" + a + "/channels?status=bogus"))
                        .status())
                .isEqualTo(400);
        assertThat(seen(bob.api().get("/api/v1/organizations/" + a + "/channels?status=bogus"))
                        .status())
                .isEqualTo(403);
        assertThat(seen(carol.api().get("/api/v1/organizations/" + a + "/channels?status=bogus&size=0"))
                        .status())
                .isEqualTo(404);
        // the organisation's keys likewise: an outsider gets 404 whatever the filters, a member's bad filter a 400
        assertThat(seen(carol.api().get("/api/v1/organizations/" + a + "/tokens?status=bogus"))
                        .status())
                .isEqualTo(404);
        assertThat(seen(bob.api().get("/api/v1/organizations/" + a + "/tokens?status=bogus"))
                        .status())
                .isEqualTo(400);
        AdminApi.Reply tested = seen(dave.api().post(byId + "/test", Map.of()));
        assertThat(tested.status()).as(tested.raw().body()).isEqualTo(200);
        assertThat(tested.json().get("success").asBoolean()).isTrue();
        // a member of Alpha may neither create nor list them (403), nor see one by id (404)
        AdminApi.Reply memberCreates = seen(bob.api()
                .post("/api/v1/organizations/" + a + "/channels", channelBody(SECOND_UPSTREAM.baseUrl(), model)));
        assertThat(memberCreates.status()).isEqualTo(403);
        assertThat(memberCreates.raw().headers().firstValue("Content-Type").orElse(""))
                .contains("application/problem+json");
        assertThat(seen(bob.api().get("/api/v1/organizations/" + a + "/channels"))
                        .status())
                .isEqualTo(403);
        assertThat(seen(bob.api().get(byId)).status()).isEqualTo(404);
        // Beta's owner: as if it did not exist
        assertThat(seen(carol.api().get(byId)).status()).isEqualTo(404);
        assertThat(seen(carol.api().patch(byId, Map.of("name", "mine"))).status())
                .isEqualTo(404);
        assertThat(seen(carol.api().patch(byId, Map.of("status", "disabled"))).status())
                .isEqualTo(404);
        assertThat(seen(carol.api().post(byId + "/test", Map.of())).status()).isEqualTo(404);
        assertThat(seen(carol.api().delete(byId)).status()).isEqualTo(404);
        assertThat(seen(carol.api().get("/api/v1/organizations/" + a + "/channels"))
                        .status())
                .isEqualTo(404);
        assertThat(seen(carol.api()
                                .post(
                                        "/api/v1/organizations/" + a + "/channels",
                                        channelBody(SECOND_UPSTREAM.baseUrl(), model)))
                        .status())
                .isEqualTo(404);
        assertThat(seen(carol.api().get("/api/v1/channels")).status()).isEqualTo(403);
        // platform admins see it among all channels, with its organisation
        List<JsonNode> mine = new ArrayList<>();
        for (int page = 0; ; page++) {
            AdminApi.Reply all = seen(admin.get("/api/v1/channels?size=500&page=" + page));
            assertThat(all.status()).isEqualTo(200);
            all.json().get("items").forEach(c -> {
                if (channel.equals(c.get("id").asText())) {
                    mine.add(c);
                }
            });
            if ((page + 1) * 500L >= all.json().get("total").asLong()) {
                break;
            }
        }
        assertThat(mine)
                .singleElement()
                .satisfies(c -> assertThat(c.get("organizationId").asText()).isEqualTo(a));
        // the changes are in Alpha's audit log, for its owner and admins
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        auditActions(alice, a, channel).containsAll(List.of("channel.created", "channel.updated")));
        // the owner deletes it
        assertThat(seen(alice.api().delete(byId)).status()).isEqualTo(204);
        assertThat(seen(alice.api().get(byId)).status()).isEqualTo(404);
        assertThat(answers).noneMatch(body -> body.contains(secret));
    }

    @Test
    void givenFieldsAPrivateChannelCannotHave_whenSent_then400NamingThem() {
        // given
        String model = uniqueModel("byok-fields");
        String channel = createPrivate(dave, a, model);
        Map<String, Object> withGroups = channelBody(SECOND_UPSTREAM.baseUrl(), model);
        withGroups.put("groups", List.of("vip"));
        Map<String, Object> withOrganisation = channelBody(SECOND_UPSTREAM.baseUrl(), model);
        withOrganisation.put("organizationId", b);

        // when
        AdminApi.Reply createdWithGroups =
                seen(dave.api().post("/api/v1/organizations/" + a + "/channels", withGroups));
        AdminApi.Reply createdElsewhere =
                seen(dave.api().post("/api/v1/organizations/" + a + "/channels", withOrganisation));
        AdminApi.Reply platformWithOrganisation = seen(admin.post("/api/v1/channels", withOrganisation));
        AdminApi.Reply regrouped =
                seen(dave.api().patch("/api/v1/channels/" + channel, Map.of("groups", List.of("vip"))));
        AdminApi.Reply moved = seen(admin.patch("/api/v1/channels/" + channel, Map.of("organizationId", b)));

        // then
        assertThat(createdWithGroups.status()).isEqualTo(400);
        assertThat(createdWithGroups.json().get("field").asText()).isEqualTo("groups");
        assertThat(createdElsewhere.status()).isEqualTo(400);
        assertThat(createdElsewhere.json().get("field").asText()).isEqualTo("organizationId");
        assertThat(platformWithOrganisation.status()).isEqualTo(400);
        assertThat(platformWithOrganisation.json().get("field").asText()).isEqualTo("organizationId");
        assertThat(regrouped.status()).isEqualTo(400);
        assertThat(regrouped.json().get("field").asText()).isEqualTo("groups");
        assertThat(moved.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/channels/" + channel)
                        .json()
                        .get("organizationId")
                        .asText())
                .isEqualTo(a);
        assertThat(answers).noneMatch(body -> body.contains(secret));
    }

    @Test
    void givenBaseUrlsIntoTheGatewaysNetwork_whenAnOrganisationAdminSetsThem_thenRefused_butAPlatformChannelMayUseThem()
            throws Exception {
        // given: only the literal 127.0.0.1 is exempt in this run; these hosts are not
        int port = SECOND_UPSTREAM.baseUrl().lastIndexOf(':');
        String fakePort = SECOND_UPSTREAM.baseUrl().substring(port + 1);
        List<String> internal = List.of(
                "http://10.0.0.1/v1",
                "http://169.254.169.254/latest",
                "http://[::1]:" + fakePort,
                "http://localhost:" + fakePort + "/v1",
                "http://0.0.0.0:" + fakePort,
                "http://[::ffff:127.0.0.1]:" + fakePort);
        String model = uniqueModel("byok-ssrf");
        String channel = createPrivate(dave, a, model);

        for (String url : internal) {
            // when
            AdminApi.Reply refused =
                    seen(dave.api().post("/api/v1/organizations/" + a + "/channels", channelBody(url, model)));
            AdminApi.Reply changed = seen(dave.api().patch("/api/v1/channels/" + channel, Map.of("baseUrl", url)));

            // then
            assertThat(refused.status()).as(url + ": " + refused.raw().body()).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("baseUrl");
            assertThat(changed.status()).as(url).isEqualTo(400);
            assertThat(changed.json().get("field").asText()).isEqualTo("baseUrl");
        }
        assertThat(seen(dave.api().get("/api/v1/organizations/" + a + "/channels"))
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);

        // and a platform admin still creates a platform channel on loopback, which serves
        String local = uniqueModel("byok-local");
        AdminApi.Reply platform = seen(admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "local",
                        "type",
                        "openai",
                        "baseUrl",
                        "http://localhost:" + fakePort,
                        "keys",
                        List.of("sk-local"),
                        "models",
                        List.of(local))));
        assertThat(platform.status()).as(platform.raw().body()).isEqualTo(201);
        admin.setPrice(local, 0, 1_000_000);
        fund(a);
        assertThat(chat(keyIn(bob, a), local).statusCode()).isEqualTo(200);
        assertThat(answers).noneMatch(body -> body.contains(secret));
    }
}
