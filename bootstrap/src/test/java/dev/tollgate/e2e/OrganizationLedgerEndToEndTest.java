package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger and the usage records per organisation: every entry names its organisation, member and key; the holds
 * of requests (reservation, release) are listed beside their settlements with sums that agree with the wallet; an
 * organisation's balance at past instants; who sees what across two organisations and three roles (platform admin,
 * organisation admin, plain member; outsiders get 404); and a reconciliation without drift with organisation wallets.
 */
class OrganizationLedgerEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();
    /** An upstream of its own: it answers 3 output tokens, which the shared one must not (other tests expect 8). */
    private FakeOpenAiUpstream upstream;

    private TwoOrganisations.Person alice;
    private TwoOrganisations.Person dave;
    private TwoOrganisations.Person bob;
    private TwoOrganisations.Person carol;
    private TwoOrganisations.Person platformAdmin;
    private String a;
    private String b;
    private String model;

    /**
     * Alpha: alice OWNER, dave ADMIN, bob MEMBER. Beta: carol OWNER. One model: 8 units held per request (8 output
     * tokens at 1 unit each), 3 charged (the upstream reports 3 output tokens), 5 released.
     */
    @BeforeEach
    void organisations() throws IOException {
        TwoOrganisations cast = TwoOrganisations.create(admin, port, "led");
        alice = cast.alice();
        dave = cast.dave();
        bob = cast.bob();
        carol = cast.carol();
        a = cast.alpha();
        b = cast.beta();
        platformAdmin = TwoOrganisations.person(admin, port, uniqueModel("led-platform"), "ADMIN");
        upstream = new FakeOpenAiUpstream();
        upstream.usage(12, 3);
        model = uniqueModel("org-ledger");
        admin.createChannel("fake-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 0, 1_000_000);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    private JsonNode keyIn(TwoOrganisations.Person who, String org) {
        AdminApi.Reply r =
                who.api().post("/api/v1/organizations/" + org + "/tokens", Map.of("name", "k", "unlimitedQuota", true));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    private void chat(JsonNode key) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key.get("key").asText())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private void fund(String org, long amount) {
        AdminApi.Reply r = admin.post(
                "/api/v1/organizations/" + org + "/wallet/credits",
                Map.of("amount", amount, "reason", "invoice " + org));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }

    private JsonNode ledger(AdminApi as, String query) {
        AdminApi.Reply r = as.get("/api/v1/ledger?size=200&" + query);
        assertThat(r.status()).as(query + " " + r.raw().body()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the filter shows {@code entries} entries (settlements arrive with the journal's next flush). */
    private JsonNode awaitLedger(AdminApi as, String query, long entries) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> ledger(as, query),
                        p -> p.get("totals").get("entries").asLong() >= entries
                                // and nothing held: a request whose settlement is not stored yet shows as an open
                                // reservation (a filter on settlements shows only their releases of holds: below 0)
                                && p.get("totals").get("held").asLong() <= 0);
    }

    private static List<String> kinds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("entries")
                .forEach(e -> out.add(e.get("kind").asText() + ":"
                        + e.get("amount").asLong() + ":" + e.get("held").asLong()));
        return out;
    }

    /** Alpha funded with 100; bob's and dave's keys of Alpha each serve one request; Beta funded, carol's serves. */
    private Map<String, JsonNode> spend() throws Exception {
        fund(a, 100);
        fund(b, 50);
        JsonNode bobKey = keyIn(bob, a);
        JsonNode daveKey = keyIn(dave, a);
        JsonNode carolKey = keyIn(carol, b);
        chat(bobKey);
        chat(daveKey);
        chat(carolKey);
        awaitLedger(admin, "organizationId=" + a, 7);
        awaitLedger(admin, "organizationId=" + b, 4);
        return Map.of("bob", bobKey, "dave", daveKey, "carol", carolKey);
    }

    @Test
    void givenRequestsOfTwoMembers_whenTheOrganisationsLedgerIsRead_thenItListsHoldsAndSettlementsThatAddUp()
            throws Exception {
        // given
        Map<String, JsonNode> keys = spend();

        // when
        JsonNode all = ledger(admin, "organizationId=" + a);
        JsonNode ofBob = ledger(admin, "organizationId=" + a + "&memberId=" + bob.id());
        JsonNode reservations = ledger(admin, "organizationId=" + a + "&kind=reservation");
        JsonNode releasesAndSettlements = ledger(admin, "organizationId=" + a + "&kind=release,settlement");
        JsonNode ofDavesKey =
                ledger(admin, "tokenId=" + keys.get("dave").get("id").asText());
        String csv = admin.get("/api/v1/ledger.csv?organizationId=" + a).raw().body();

        // then: 100 credited, 2 × (8 held, 3 charged out of the hold, 5 released)
        JsonNode totals = all.get("totals");
        assertThat(totals.get("entries").asLong()).isEqualTo(7);
        assertThat(totals.get("credited").asLong()).isEqualTo(100);
        assertThat(totals.get("taken").asLong()).isEqualTo(6);
        assertThat(totals.get("reserved").asLong()).isEqualTo(16);
        assertThat(totals.get("released").asLong()).isEqualTo(10);
        assertThat(totals.get("held").asLong()).isZero();
        assertThat(kinds(all))
                .containsExactlyInAnyOrder(
                        "top_up:100:0",
                        "reservation:0:8",
                        "settlement:-3:-3",
                        "release:0:-5",
                        "reservation:0:8",
                        "settlement:-3:-3",
                        "release:0:-5");
        all.get("entries").forEach(e -> {
            assertThat(e.get("organizationId").asText()).isEqualTo(a);
            assertThat(e.get("ownerId").asText()).isEqualTo(a);
        });
        JsonNode newest = all.get("entries").get(0);
        assertThat(newest.get("memberId").asText()).isEqualTo(dave.id());
        assertThat(newest.get("tokenId").asText())
                .isEqualTo(keys.get("dave").get("id").asText());
        JsonNode oldest = all.get("entries").get(6);
        assertThat(oldest.get("kind").asText()).isEqualTo("top_up");
        assertThat(oldest.get("memberId").isNull()).isTrue();
        assertThat(oldest.get("actor").asText()).isEqualTo("user:root");
        // the balance the entries add up to is the wallet's
        assertThat(admin.get("/api/v1/organizations/" + a + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(totals.get("credited").asLong() - totals.get("taken").asLong())
                .isEqualTo(94);
        assertThat(kinds(ofBob)).containsExactlyInAnyOrder("reservation:0:8", "settlement:-3:-3", "release:0:-5");
        ofBob.get("entries").forEach(e -> assertThat(e.get("memberId").asText()).isEqualTo(bob.id()));
        assertThat(reservations.get("totals").get("entries").asLong()).isEqualTo(2);
        assertThat(reservations.get("totals").get("reserved").asLong()).isEqualTo(16);
        assertThat(releasesAndSettlements.get("totals").get("entries").asLong()).isEqualTo(4);
        assertThat(releasesAndSettlements.get("totals").get("held").asLong()).isEqualTo(-16);
        assertThat(ofDavesKey.get("totals").get("entries").asLong()).isEqualTo(3);
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("at,organization_id,member_id,owner_id,token_id,kind,amount,held,reference,reason,actor");
        assertThat(csv.lines().count()).isEqualTo(8);
        assertThat(csv)
                .contains("," + a + ",," + a + ",,top_up,100,0,")
                .contains("," + a + "," + bob.id() + "," + a + ","
                        + keys.get("bob").get("id").asText() + ",release,0,-5,");
    }

    @Test
    void givenTwoOrganisationsAndThreeRoles_whenEachReadsTheLedger_thenEachSeesWhatTheirRoleAllows() throws Exception {
        // given
        spend();

        // when
        JsonNode byPlatformAdmin = ledger(platformAdmin.api(), "organizationId=" + a);
        JsonNode byOwner = ledger(alice.api(), "organizationId=" + a);
        JsonNode byOrganisationAdmin = ledger(dave.api(), "organizationId=" + a);
        JsonNode byMember = ledger(bob.api(), "organizationId=" + a);
        JsonNode bobsOwnView = ledger(bob.api(), "");
        JsonNode daveOwnView = ledger(dave.api(), "");
        AdminApi.Reply memberAsksForTheOther = bob.api().get("/api/v1/ledger?organizationId=" + b);
        AdminApi.Reply adminAsksForTheOther = dave.api().get("/api/v1/ledger?organizationId=" + b);
        AdminApi.Reply otherOwnerAsks = carol.api().get("/api/v1/ledger?organizationId=" + a);
        AdminApi.Reply unknown = bob.api().get("/api/v1/ledger?organizationId=no-such-organisation");
        AdminApi.Reply otherPersonal = bob.api().get("/api/v1/ledger?organizationId=personal-" + carol.id());
        AdminApi.Reply csvOfOther = carol.api().get("/api/v1/ledger.csv?organizationId=" + a);

        // then: platform admins, the owner and the organisation's admins see all of it
        assertThat(byPlatformAdmin.get("totals").get("entries").asLong()).isEqualTo(7);
        assertThat(byOwner.get("totals").get("entries").asLong()).isEqualTo(7);
        assertThat(byOrganisationAdmin.get("totals").get("entries").asLong()).isEqualTo(7);
        // a plain member sees their own entries only (no top-up, nobody else's request)
        assertThat(byMember.get("totals").get("entries").asLong()).isEqualTo(3);
        byMember.get("entries")
                .forEach(e -> assertThat(e.get("memberId").asText()).isEqualTo(bob.id()));
        assertThat(bobsOwnView.get("totals").get("entries").asLong()).isEqualTo(3);
        // without a filter an organisation admin sees the organisations they administer, not the other one
        assertThat(daveOwnView.get("totals").get("entries").asLong()).isEqualTo(7);
        daveOwnView
                .get("entries")
                .forEach(e -> assertThat(e.get("organizationId").asText()).isEqualTo(a));
        // outsiders: 404, exactly like an organisation that does not exist
        for (AdminApi.Reply r : List.of(
                memberAsksForTheOther, adminAsksForTheOther, otherOwnerAsks, unknown, otherPersonal, csvOfOther)) {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(404);
            assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("organization_not_found");
        }
        assertThat(otherOwnerAsks.raw().body().replace(a, "X"))
                .isEqualTo(unknown.raw()
                        .body()
                        .replace("no-such-organisation", "X")
                        .replace(
                                unknown.json().get("traceId").asText(),
                                otherOwnerAsks.json().get("traceId").asText()));
    }

    @Test
    void givenRequestsInTwoOrganisations_whenUsageIsFilteredAndGrouped_thenByOrganisationAndMemberWithinScope()
            throws Exception {
        // given
        spend();

        // when
        JsonNode asAdmin = alice.api().get("/api/v1/usage?organizationId=" + a).json();
        JsonNode asMember = bob.api().get("/api/v1/usage?organizationId=" + a).json();
        JsonNode byMember = dave.api()
                .get("/api/v1/usage/summary?groupBy=member&organizationId=" + a)
                .json();
        JsonNode byOrganisation = admin.get("/api/v1/usage/summary?groupBy=organization&model=" + model)
                .json();
        AdminApi.Reply outsider = carol.api().get("/api/v1/usage?organizationId=" + a);
        AdminApi.Reply outsiderSummary = carol.api().get("/api/v1/usage/summary?organizationId=" + a);

        // then
        assertThat(asAdmin.get("total").asLong()).isEqualTo(2);
        assertThat(asAdmin.get("totals").get("cost").asLong()).isEqualTo(6);
        asAdmin.get("items").forEach(r -> {
            assertThat(r.get("organizationId").asText()).isEqualTo(a);
            assertThat(r.get("reserved").asLong()).isEqualTo(8);
        });
        assertThat(asMember.get("total").asLong()).isEqualTo(1);
        assertThat(asMember.get("items").get(0).get("ownerId").asText()).isEqualTo(bob.id());
        Map<String, Long> costByMember = new HashMap<>();
        byMember.get("items")
                .forEach(g ->
                        costByMember.put(g.get("key").asText(), g.get("cost").asLong()));
        assertThat(costByMember).isEqualTo(Map.of(bob.id(), 3L, dave.id(), 3L));
        Map<String, Long> requestsByOrganisation = new HashMap<>();
        byOrganisation
                .get("items")
                .forEach(g -> requestsByOrganisation.put(
                        g.get("key").asText(), g.get("requests").asLong()));
        assertThat(requestsByOrganisation).isEqualTo(Map.of(a, 2L, b, 1L));
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsiderSummary.status()).isEqualTo(404);
    }

    @Test
    void givenACreditAndASettledRequest_whenTheOrganisationsBalanceIsAskedAtPastInstants_thenEachIsRight()
            throws Exception {
        // given
        Instant beforeCredit = Instant.now();
        fund(a, 100);
        Instant afterCredit = Instant.now();
        chat(keyIn(bob, a));
        awaitLedger(admin, "organizationId=" + a + "&kind=settlement", 1);
        Instant afterRequest = Instant.now();
        String path = "/api/v1/organizations/" + a + "/balance";

        // when
        long atStart = alice.api()
                .get(path + "?at=" + beforeCredit)
                .json()
                .get("balance")
                .asLong();
        long atCredit = dave.api()
                .get(path + "?at=" + afterCredit)
                .json()
                .get("balance")
                .asLong();
        long atEnd = platformAdmin
                .api()
                .get(path + "?at=" + afterRequest)
                .json()
                .get("balance")
                .asLong();
        long now = alice.api().get(path).json().get("balance").asLong();

        // then
        assertThat(atStart).isZero();
        assertThat(atCredit).isEqualTo(100);
        assertThat(atEnd).isEqualTo(97);
        assertThat(now).isEqualTo(97);
        // who may ask: a plain member is forbidden, outsiders do not learn it exists
        assertThat(bob.api().get(path).status()).isEqualTo(403);
        assertThat(carol.api().get(path).status()).isEqualTo(404);
        assertThat(carol.api()
                        .get("/api/v1/organizations/no-such-organisation/balance")
                        .status())
                .isEqualTo(404);
        assertThat(bob.api().get(path + "?at=yesterday").status()).isEqualTo(400);
        // a personal organisation's wallet is its user's: the user and platform admins, nobody else
        String personal = "/api/v1/organizations/personal-" + bob.id() + "/balance";
        assertThat(bob.api().get(personal).status()).isEqualTo(200);
        assertThat(platformAdmin.api().get(personal).status()).isEqualTo(200);
        assertThat(carol.api().get(personal).status()).isEqualTo(404);
        // the user balance still answers for the user's wallet, untouched by the organisation's key
        assertThat(bob.api()
                        .get("/api/v1/users/" + bob.id() + "/balance")
                        .json()
                        .get("balance")
                        .asLong())
                .isZero();
    }

    @Test
    void givenOrganisationWalletsThatWereCreditedDebitedAndSpent_whenReconciled_thenNoDriftAndTheyAreConserved()
            throws Exception {
        // given
        spend();
        AdminApi.Reply debit =
                admin.post("/api/v1/organizations/" + a + "/wallet/debits", Map.of("amount", 10, "reason", "refund"));
        assertThat(debit.status()).as(debit.raw().body()).isEqualTo(200);
        awaitLedger(admin, "organizationId=" + a, 8);

        // when
        AdminApi.Reply report = admin.post("/api/v1/admin/reconciliations", Map.of());

        // then
        assertThat(report.status()).as(report.raw().body()).isEqualTo(200);
        assertThat(report.json().get("drifts")).as(report.raw().body()).isEmpty();
        // conservation: balance = credited − debited − used = the sum of the ledger's entries, for both wallets
        for (String org : List.of(a, b)) {
            JsonNode wallet =
                    admin.get("/api/v1/organizations/" + org + "/wallet").json();
            JsonNode totals = ledger(admin, "organizationId=" + org).get("totals");
            long balance = wallet.get("balance").asLong();
            assertThat(balance)
                    .isEqualTo(wallet.get("credited").asLong()
                            - wallet.get("debited").asLong()
                            - wallet.get("used").asLong());
            assertThat(balance)
                    .isEqualTo(totals.get("credited").asLong()
                            - totals.get("taken").asLong());
            assertThat(admin.get("/api/v1/organizations/" + org + "/balance")
                            .json()
                            .get("balance")
                            .asLong())
                    .isEqualTo(balance);
            assertThat(totals.get("held").asLong()).isZero();
        }
        assertThat(admin.get("/api/v1/organizations/" + a + "/balance")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(84);
    }
}
