package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organisations own keys, wallets, grants and budgets: a key of an organisation is paid by the organisation's wallet,
 * limited by what platform admins granted it (groups, models, an organisation-wide rate), by its key defaults and by
 * its holder's monthly budget; it stops working when its holder leaves or the organisation is disabled. Across three
 * platform roles (ROOT, ADMIN, USER), three organisation roles (OWNER, ADMIN, MEMBER) and two organisations.
 */
class OrganizationTenancyEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    private TwoOrganisations.Person alice;
    private TwoOrganisations.Person dave;
    private TwoOrganisations.Person bob;
    private TwoOrganisations.Person carol;
    private TwoOrganisations.Person platformAdmin;
    private String a;
    private String b;
    private String model;

    /** Alpha: alice OWNER, dave ADMIN, bob MEMBER. Beta: carol OWNER. One model costing 8 units per request. */
    @BeforeEach
    void organisations() {
        TwoOrganisations cast = TwoOrganisations.create(admin, port, "ten");
        alice = cast.alice();
        dave = cast.dave();
        bob = cast.bob();
        carol = cast.carol();
        a = cast.alpha();
        b = cast.beta();
        platformAdmin = TwoOrganisations.person(admin, port, uniqueModel("ten-platform"), "ADMIN");
        UPSTREAM.usage(12, 8);
        model = uniqueModel("tenancy");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 0, 1_000_000);
    }

    private String keyIn(TwoOrganisations.Person who, String org, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "k", "unlimitedQuota", true));
        body.putAll(extra);
        AdminApi.Reply r = who.api().post("/api/v1/organizations/" + org + "/tokens", body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("key").asText();
    }

    private String idOfKey(TwoOrganisations.Person who, String org) {
        return who.api()
                .get("/api/v1/organizations/" + org + "/tokens")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asText();
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

    private void fund(String org, long amount) {
        AdminApi.Reply r = admin.post(
                "/api/v1/organizations/" + org + "/wallet/credits", Map.of("amount", amount, "reason", "test funds"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }

    @Test
    void givenAKeyOfAnOrganisation_whenItIsUsed_thenTheOrganisationsWalletPaysNotTheMembers() throws Exception {
        // given
        String key = keyIn(bob, a, Map.of());
        assertThat(chat(key, model).statusCode()).isEqualTo(429); // the organisation has no money yet
        fund(a, 100);

        // when
        HttpResponse<String> served = chat(key, model);

        // then
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        JsonNode wallet =
                alice.api().get("/api/v1/organizations/" + a + "/wallet").json();
        assertThat(wallet.get("balance").asLong()).isEqualTo(92);
        assertThat(wallet.get("used").asLong()).isEqualTo(8);
        assertThat(admin.get("/api/v1/users/" + bob.id() + "/wallet")
                        .json()
                        .get("used")
                        .asLong())
                .isZero();
        JsonNode listed = bob.api()
                .get("/api/v1/organizations/" + a + "/tokens")
                .json()
                .get("items")
                .get(0);
        assertThat(listed.get("organizationId").asText()).isEqualTo(a);
        // the personal organisation's wallet is the user's wallet
        assertThat(bob.api()
                        .get("/api/v1/organizations/personal-" + bob.id() + "/wallet")
                        .json()
                        .get("ownerId")
                        .asText())
                .isEqualTo(bob.id());
    }

    @Test
    void givenAMonthlyBudget_whenTheMemberSpendsIt_thenTheirKeysStopButOthersGoOn() throws Exception {
        // given: 100 units in the wallet, bob may spend 16 a month (two requests)
        fund(a, 100);
        String bobKey = keyIn(bob, a, Map.of());
        String daveKey = keyIn(dave, a, Map.of());
        AdminApi.Reply set = dave.api()
                .put("/api/v1/organizations/" + a + "/members/" + bob.id() + "/budget", Map.of("monthlyBudget", 16));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);

        // when
        int first = chat(bobKey, model).statusCode();
        int second = chat(bobKey, model).statusCode();
        HttpResponse<String> third = chat(bobKey, model);

        // then
        assertThat(first).isEqualTo(200);
        assertThat(second).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).contains("insufficient_quota");
        assertThat(chat(daveKey, model).statusCode()).isEqualTo(200);
        JsonNode budget = bob.api()
                .get("/api/v1/organizations/" + a + "/members/" + bob.id() + "/budget")
                .json();
        assertThat(budget.get("monthlyBudget").asLong()).isEqualTo(16);
        assertThat(budget.get("used").asLong()).isEqualTo(16);
        assertThat(budget.get("remaining").asLong()).isZero();
        assertThat(budget.get("resetsAt").asText()).endsWith("-01T00:00:00Z");
        // a member sets no budget and sees no one else's; the budget can be lifted
        assertThat(bob.api()
                        .put(
                                "/api/v1/organizations/" + a + "/members/" + bob.id() + "/budget",
                                Map.of("monthlyBudget", 1000))
                        .status())
                .isEqualTo(403);
        assertThat(bob.api()
                        .get("/api/v1/organizations/" + a + "/members/" + dave.id() + "/budget")
                        .status())
                .isEqualTo(403);
        assertThat(alice.api()
                        .put(
                                "/api/v1/organizations/" + a + "/members/" + bob.id() + "/budget",
                                "{\"monthlyBudget\":null}")
                        .status())
                .isEqualTo(200);
        assertThat(chat(bobKey, model).statusCode()).isEqualTo(200);
        assertThat(alice.api()
                        .get("/api/v1/organizations/" + a + "/wallet")
                        .json()
                        .get("used")
                        .asLong())
                .isEqualTo(32);
        // the organisation's audit log shows who set the budget and issued keys in it
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alice.api()
                                .get("/api/v1/audit-log?organizationId=" + a)
                                .raw()
                                .body())
                        .contains("organization.budget_set")
                        .contains("user:" + dave.id())
                        .contains("token.issued")
                        .contains("wallet.credited"));
        // a personal wallet's changes go to its user's personal organisation, not to a shared one
        admin.post("/api/v1/users/" + carol.id() + "/wallet/credits", Map.of("amount", 7, "reason", "personal"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(carol.api()
                                .get("/api/v1/audit-log?organizationId=personal-" + carol.id())
                                .raw()
                                .body())
                        .contains("wallet.credited"));
    }

    @Test
    void givenGrants_thenMembersChooseOnlyGrantedGroupsAndModels() throws Exception {
        // given
        fund(a, 1_000);
        String vipModel = uniqueModel("tenancy-vip");
        AdminApi.Reply channel = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "vip-" + vipModel,
                        "type",
                        "openai",
                        "baseUrl",
                        UPSTREAM.baseUrl(),
                        "keys",
                        List.of("sk-upstream-vip"),
                        "models",
                        List.of(vipModel),
                        "groups",
                        List.of("vip-" + vipModel)));
        assertThat(channel.status()).as(channel.raw().body()).isEqualTo(201);
        admin.setPrice(vipModel, 0, 1_000_000);
        String vip = "vip-" + vipModel;

        // when / then: no grant yet
        AdminApi.Reply refused = bob.api()
                .post(
                        "/api/v1/organizations/" + a + "/tokens",
                        Map.of("name", "k", "unlimitedQuota", true, "group", vip));
        assertThat(refused.status()).isEqualTo(403);
        // not even a platform admin who is a member: in a shared organisation the group must be granted first
        assertThat(alice.api()
                        .post("/api/v1/organizations/" + a + "/members", Map.of("username", platformAdmin.username()))
                        .status())
                .isEqualTo(201);
        assertThat(platformAdmin
                        .api()
                        .post(
                                "/api/v1/organizations/" + a + "/tokens",
                                Map.of("name", "k", "unlimitedQuota", true, "group", vip))
                        .status())
                .isEqualTo(403);
        AdminApi.Reply ownerGrants =
                alice.api().put("/api/v1/organizations/" + a + "/policy", Map.of("groups", List.of(vip)));
        assertThat(ownerGrants.status()).isEqualTo(403);
        AdminApi.Reply grant = platformAdmin
                .api()
                .put(
                        "/api/v1/organizations/" + a + "/policy",
                        Map.of("groups", List.of(vip), "models", List.of(model, vipModel)));
        assertThat(grant.status()).as(grant.raw().body()).isEqualTo(200);
        assertThat(bob.api()
                        .get("/api/v1/organizations/" + a + "/policy")
                        .json()
                        .get("groups")
                        .get(0)
                        .asText())
                .isEqualTo(vip);

        // a granted group works; a model outside the grant is refused, also for an unrestricted key
        String vipKey = keyIn(bob, a, Map.of("group", vip));
        HttpResponse<String> granted = chat(vipKey, vipModel);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        String plainKey = keyIn(bob, a, Map.of());
        assertThat(chat(plainKey, model).statusCode()).isEqualTo(200);
        AdminApi.Reply narrowModels = platformAdmin
                .api()
                .put(
                        "/api/v1/organizations/" + a + "/policy",
                        Map.of("groups", List.of(vip), "models", List.of(vipModel)));
        assertThat(narrowModels.status()).isEqualTo(200);
        HttpResponse<String> outside = chat(plainKey, model);
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.body()).contains("model_not_allowed");
        AdminApi.Reply widen = bob.api()
                .post(
                        "/api/v1/organizations/" + a + "/tokens",
                        Map.of("name", "k", "unlimitedQuota", true, "models", List.of(model)));
        assertThat(widen.status()).isEqualTo(400);
        assertThat(widen.json().get("field").asText()).isEqualTo("models");

        // revoking the group stops the keys in it
        assertThat(platformAdmin
                        .api()
                        .put("/api/v1/organizations/" + a + "/policy", Map.of())
                        .status())
                .isEqualTo(200);
        HttpResponse<String> revoked = chat(vipKey, vipModel);
        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(revoked.body()).contains("group_not_granted");
    }

    @Test
    void givenOrganisationLimits_thenTheOrganisationsKeysTogetherAndEachKeyAreLimited() throws Exception {
        // given: all keys of Alpha together 3 requests a minute; each key by default 2
        fund(a, 1_000);
        assertThat(platformAdmin
                        .api()
                        .put("/api/v1/organizations/" + a + "/policy", Map.of("rpm", 3))
                        .status())
                .isEqualTo(200);
        AdminApi.Reply defaults = dave.api().put("/api/v1/organizations/" + a + "/key-defaults", Map.of("rpm", 2));
        assertThat(defaults.status()).as(defaults.raw().body()).isEqualTo(200);
        assertThat(bob.api()
                        .put("/api/v1/organizations/" + a + "/key-defaults", Map.of("rpm", 100))
                        .status())
                .isEqualTo(403);
        String bobKey = keyIn(bob, a, Map.of());
        String daveKey = keyIn(dave, a, Map.of());

        // when
        int b1 = chat(bobKey, model).statusCode();
        int b2 = chat(bobKey, model).statusCode();
        HttpResponse<String> b3 = chat(bobKey, model);
        int d1 = chat(daveKey, model).statusCode();
        HttpResponse<String> d2 = chat(daveKey, model);

        // then
        assertThat(List.of(b1, b2, d1)).containsOnly(200);
        assertThat(b3.statusCode()).isEqualTo(429);
        assertThat(b3.body()).contains("the key's limit of 2 requests");
        assertThat(b3.headers().firstValue("Retry-After")).isPresent();
        assertThat(d2.statusCode()).isEqualTo(429);
        assertThat(d2.body()).contains("its organisation's limit of 3 requests");
    }

    @Test
    void givenAMemberLimit_thenAllTheMembersKeysInTheOrganisationShareIt() throws Exception {
        // given: bob may send 2 requests a minute with all his keys of Alpha together
        fund(a, 1_000);
        AdminApi.Reply set =
                dave.api().put("/api/v1/organizations/" + a + "/members/" + bob.id() + "/rate-limit", Map.of("rpm", 2));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(bob.api()
                        .put("/api/v1/organizations/" + a + "/members/" + bob.id() + "/rate-limit", Map.of("rpm", 100))
                        .status())
                .isEqualTo(403);
        assertThat(bob.api()
                        .get("/api/v1/organizations/" + a + "/members/" + bob.id() + "/rate-limit")
                        .json()
                        .get("rpm")
                        .asLong())
                .isEqualTo(2);
        assertThat(carol.api()
                        .get("/api/v1/organizations/" + a + "/members/" + bob.id() + "/rate-limit")
                        .status())
                .isEqualTo(404);
        String first = keyIn(bob, a, Map.of());
        String second = keyIn(bob, a, Map.of());
        String daves = keyIn(dave, a, Map.of());

        // when
        int one = chat(first, model).statusCode();
        int two = chat(second, model).statusCode();
        HttpResponse<String> three = chat(first, model);

        // then
        assertThat(List.of(one, two)).containsOnly(200);
        assertThat(three.statusCode()).isEqualTo(429);
        assertThat(three.body()).contains("its holder's limit of 2 requests");
        assertThat(chat(daves, model).statusCode()).isEqualTo(200);
    }

    @Test
    void givenAKeyOfAnOrganisation_whenItsHolderLeavesOrTheOrganisationIsDisabled_thenTheKeyStops() throws Exception {
        // given
        fund(a, 1_000);
        String bobKey = keyIn(bob, a, Map.of());
        String aliceKey = keyIn(alice, a, Map.of());
        assertThat(chat(bobKey, model).statusCode()).isEqualTo(200);

        // when
        assertThat(dave.api()
                        .delete("/api/v1/organizations/" + a + "/members/" + bob.id())
                        .status())
                .isEqualTo(204);
        HttpResponse<String> afterLeaving = chat(bobKey, model);
        assertThat(chat(aliceKey, model).statusCode()).isEqualTo(200);
        assertThat(alice.api()
                        .patch("/api/v1/organizations/" + a, Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);
        HttpResponse<String> afterDisabling = chat(aliceKey, model);

        // then
        assertThat(afterLeaving.statusCode()).isEqualTo(401);
        assertThat(afterLeaving.body()).contains("no longer a member");
        assertThat(afterDisabling.statusCode()).isEqualTo(401);
        assertThat(afterDisabling.body()).contains("organisation is disabled");
        AdminApi.Reply newKey =
                alice.api().post("/api/v1/organizations/" + a + "/tokens", Map.of("name", "k", "unlimitedQuota", true));
        assertThat(newKey.status()).isEqualTo(409);
    }

    @Test
    void givenTwoOrganisations_thenKeysWalletsAndBudgetsAreVisibleOnlyInsideWithTheRightRole() {
        // given
        keyIn(bob, a, Map.of());
        keyIn(dave, a, Map.of());
        String bobKeyId = idOfKey(bob, a);
        String carolKey = keyIn(carol, b, Map.of());
        String carolKeyId = idOfKey(carol, b);
        assertThat(carolKey).startsWith("sk-");

        // then: outsiders get 404, exactly like for an organisation that does not exist
        for (String path : List.of(
                "/api/v1/organizations/" + a + "/tokens",
                "/api/v1/tokens/" + bobKeyId,
                "/api/v1/organizations/" + a + "/wallet",
                "/api/v1/organizations/" + a + "/policy",
                "/api/v1/organizations/" + a + "/budgets",
                "/api/v1/organizations/" + a + "/members/" + bob.id() + "/budget")) {
            AdminApi.Reply r = carol.api().get(path);
            assertThat(r.status()).as(path + " " + r.raw().body()).isEqualTo(404);
        }
        assertThat(carol.api()
                        .post("/api/v1/organizations/" + a + "/tokens", Map.of("name", "x", "unlimitedQuota", true))
                        .status())
                .isEqualTo(404);
        assertThat(carol.api()
                        .patch("/api/v1/tokens/" + bobKeyId, Map.of("status", "disabled"))
                        .status())
                .isEqualTo(404);
        assertThat(carol.api().delete("/api/v1/tokens/" + bobKeyId).status()).isEqualTo(404);
        assertThat(bob.api().get("/api/v1/tokens/" + carolKeyId).status()).isEqualTo(404);

        // a member sees their own keys, not the wallet; managers see every key and the wallet
        JsonNode bobSees =
                bob.api().get("/api/v1/organizations/" + a + "/tokens").json();
        assertThat(bobSees.get("total").asLong()).isEqualTo(1);
        assertThat(bob.api().get("/api/v1/organizations/" + a + "/wallet").status())
                .isEqualTo(403);
        assertThat(bob.api().get("/api/v1/organizations/" + a + "/budgets").status())
                .isEqualTo(403);
        assertThat(dave.api()
                        .get("/api/v1/organizations/" + a + "/tokens")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(2);
        assertThat(dave.api().get("/api/v1/organizations/" + a + "/wallet").status())
                .isEqualTo(200);
        assertThat(dave.api()
                        .get("/api/v1/organizations/" + a + "/budgets")
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(3);
        assertThat(platformAdmin
                        .api()
                        .get("/api/v1/organizations/" + a + "/tokens")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(2);

        // managers may disable a member's key but not take its secret; only platform admins move money
        assertThat(dave.api()
                        .patch("/api/v1/tokens/" + bobKeyId, Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);
        assertThat(dave.api()
                        .post("/api/v1/tokens/" + bobKeyId + "/rotate", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(alice.api()
                        .post(
                                "/api/v1/organizations/" + a + "/wallet/credits",
                                Map.of("amount", 5, "reason", "self-service"))
                        .status())
                .isEqualTo(403);
        // (a platform-admin route: refused before anything about the organisation is looked at, for every id)
        assertThat(carol.api()
                        .post("/api/v1/organizations/" + a + "/wallet/credits", Map.of("amount", 5, "reason", "x"))
                        .status())
                .isEqualTo(403);
        // a credit replayed with its Idempotency-Key has no second effect
        long before = admin.get("/api/v1/organizations/" + a + "/wallet")
                .json()
                .get("credited")
                .asLong();
        String key = UUID.randomUUID().toString();
        Map<String, Object> credit = Map.of("amount", 40, "reason", "once");
        assertThat(admin.postIdempotent("/api/v1/organizations/" + a + "/wallet/credits", credit, key)
                        .status())
                .isEqualTo(200);
        assertThat(admin.postIdempotent("/api/v1/organizations/" + a + "/wallet/credits", credit, key)
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/organizations/" + a + "/wallet")
                        .json()
                        .get("credited")
                        .asLong())
                .isEqualTo(before + 40);

        // fields nobody sets in a body are refused, not ignored
        AdminApi.Reply sneaky =
                bob.api().post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true, "organizationId", b));
        assertThat(sneaky.status()).isEqualTo(400);
        AdminApi.Reply ownerId = bob.api()
                .post(
                        "/api/v1/organizations/" + a + "/tokens",
                        Map.of("name", "k", "unlimitedQuota", true, "ownerId", alice.id()));
        assertThat(ownerId.status()).isEqualTo(400);
        // a platform admin who is no member holds no key of the organisation
        assertThat(platformAdmin
                        .api()
                        .post("/api/v1/organizations/" + a + "/tokens", Map.of("name", "k", "unlimitedQuota", true))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void givenARedemptionCode_thenAnOwnerOrAdminRedeemsItIntoTheOrganisationAndAMemberCannot() {
        // given
        AdminApi.Reply batch =
                admin.post("/api/v1/redemption-batches", Map.of("name", "org", "count", 3, "value", 500));
        assertThat(batch.status()).as(batch.raw().body()).isEqualTo(201);
        JsonNode codes = batch.json().get("codes");

        // when
        AdminApi.Reply byMember = bob.api()
                .post("/api/v1/redemptions", Map.of("code", codes.get(0).asText(), "organizationId", a));
        AdminApi.Reply byOutsider = carol.api()
                .post("/api/v1/redemptions", Map.of("code", codes.get(0).asText(), "organizationId", a));
        AdminApi.Reply byAdmin = dave.api()
                .post("/api/v1/redemptions", Map.of("code", codes.get(0).asText(), "organizationId", a));

        // then
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byOutsider.status()).isEqualTo(404);
        assertThat(byAdmin.status()).as(byAdmin.raw().body()).isEqualTo(200);
        assertThat(byAdmin.json().get("balance").asLong()).isEqualTo(500);
        assertThat(alice.api()
                        .get("/api/v1/organizations/" + a + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(500);
        assertThat(admin.get("/api/v1/users/" + dave.id() + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isZero();
    }
}
