package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Organisations across three platform roles (ROOT, ADMIN, USER) and organisation roles (OWNER, ADMIN, MEMBER), in two
 * organisations: who sees what (404 for outsiders), who may change what (403), the owner rules (409), personal
 * organisations.
 */
class OrganizationsEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    private record Person(String id, String username, AdminApi api) {}

    private Person person(String prefix, String role) {
        String username = uniqueModel(prefix);
        AdminApi.Reply r =
                admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD, "role", role));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), username, new AdminApi(port).loginAs(username, PASSWORD));
    }

    private static String create(Person owner, String name) {
        AdminApi.Reply r = owner.api().post("/api/v1/organizations", Map.of("name", name));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        assertThat(r.json().get("yourRole").asText()).isEqualTo("OWNER");
        return r.json().get("id").asText();
    }

    @Test
    void givenANewUser_thenTheyHaveAPersonalOrganisationThatNobodyElseCanJoin() throws Exception {
        // given
        Person alice = person("org-personal", "USER");
        Person bob = person("org-personal-b", "USER");

        // when: the personal organisation is created right after the user (asynchronously)
        String path = "/api/v1/organizations/personal-" + alice.id();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> alice.api().get(path).status() == 200);
        JsonNode personal = alice.api().get(path).json();

        // then
        assertThat(personal).isNotNull();
        assertThat(personal.get("personal").asBoolean()).isTrue();
        assertThat(personal.get("name").asText()).isEqualTo(alice.username());
        assertThat(personal.get("yourRole").asText()).isEqualTo("OWNER");
        AdminApi.Reply join = alice.api()
                .post("/api/v1/organizations/personal-" + alice.id() + "/members", Map.of("username", bob.username()));
        assertThat(join.status()).isEqualTo(409);
        assertThat(join.json().get("code").asText()).isEqualTo("personal_organization");
        assertThat(bob.api().get("/api/v1/organizations/personal-" + alice.id()).status())
                .isEqualTo(404);
    }

    @Test
    void givenTwoOrganisations_whenOutsidersAskForTheOther_thenItDoesNotExistForThem() {
        // given
        Person alice = person("org-a-owner", "USER");
        Person carol = person("org-b-owner", "USER");
        Person platformAdmin = person("org-platform-admin", "ADMIN");
        String a = create(alice, "Alpha");
        String b = create(carol, "Beta");

        // when
        AdminApi.Reply carolGetsA = carol.api().get("/api/v1/organizations/" + a);
        AdminApi.Reply carolMembersA = carol.api().get("/api/v1/organizations/" + a + "/members");
        AdminApi.Reply carolRenamesA = carol.api().patch("/api/v1/organizations/" + a, Map.of("name", "Mine"));
        AdminApi.Reply carolRemovesAlice = carol.api().delete("/api/v1/organizations/" + a + "/members/" + alice.id());
        AdminApi.Reply unknown = carol.api().get("/api/v1/organizations/does-not-exist");

        // then: the same 404 as an organisation that does not exist
        for (AdminApi.Reply r :
                new AdminApi.Reply[] {carolGetsA, carolMembersA, carolRenamesA, carolRemovesAlice, unknown}) {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("organization_not_found");
        }
        assertThat(carol.api().get("/api/v1/organizations").raw().body())
                .contains(b)
                .doesNotContain(a);
        assertThat(platformAdmin
                        .api()
                        .get("/api/v1/organizations?size=500")
                        .raw()
                        .body())
                .contains(a)
                .contains(b);
        assertThat(admin.get("/api/v1/organizations/" + a + "/members").status())
                .isEqualTo(200);
    }

    @Test
    void givenOrganisationRoles_whenMembersManageMembers_thenOnlyWhatTheirRoleAllowsHappens() {
        // given
        Person alice = person("org-owner", "USER");
        Person dave = person("org-admin", "USER");
        Person bob = person("org-member", "USER");
        Person erin = person("org-new", "USER");
        Person frank = person("org-new2", "USER");
        String a = create(alice, "Gamma");
        assertThat(alice.api()
                        .post(
                                "/api/v1/organizations/" + a + "/members",
                                Map.of("username", dave.username(), "role", "ADMIN"))
                        .status())
                .isEqualTo(201);
        assertThat(alice.api()
                        .post("/api/v1/organizations/" + a + "/members", Map.of("username", bob.username()))
                        .status())
                .isEqualTo(201);

        // when
        AdminApi.Reply memberAdds =
                bob.api().post("/api/v1/organizations/" + a + "/members", Map.of("username", erin.username()));
        AdminApi.Reply adminAdds =
                dave.api().post("/api/v1/organizations/" + a + "/members", Map.of("username", erin.username()));
        AdminApi.Reply adminMakesAdmin = dave.api()
                .post("/api/v1/organizations/" + a + "/members", Map.of("username", frank.username(), "role", "ADMIN"));
        AdminApi.Reply addsTwice =
                alice.api().post("/api/v1/organizations/" + a + "/members", Map.of("username", erin.username()));
        AdminApi.Reply addsOwner = alice.api()
                .post("/api/v1/organizations/" + a + "/members", Map.of("username", frank.username(), "role", "OWNER"));
        AdminApi.Reply memberRenames = bob.api().patch("/api/v1/organizations/" + a, Map.of("name", "Mine"));
        AdminApi.Reply adminRenames = dave.api().patch("/api/v1/organizations/" + a, Map.of("name", "Gamma 2"));
        AdminApi.Reply adminDisables = dave.api().patch("/api/v1/organizations/" + a, Map.of("status", "disabled"));
        AdminApi.Reply ownerRemovesSelf = alice.api().delete("/api/v1/organizations/" + a + "/members/" + alice.id());
        AdminApi.Reply adminRemovesAdmin =
                dave.api().delete("/api/v1/organizations/" + a + "/members/" + dave.id() + "x");
        AdminApi.Reply erinLeaves = erin.api().delete("/api/v1/organizations/" + a + "/members/" + erin.id());

        // then
        assertThat(memberAdds.status()).isEqualTo(403);
        assertThat(adminAdds.status()).as(adminAdds.raw().body()).isEqualTo(201);
        assertThat(adminMakesAdmin.status()).isEqualTo(403);
        assertThat(addsTwice.status()).isEqualTo(409);
        assertThat(addsOwner.status()).isEqualTo(409);
        assertThat(memberRenames.status()).isEqualTo(403);
        assertThat(adminRenames.status()).isEqualTo(200);
        assertThat(adminRenames.json().get("name").asText()).isEqualTo("Gamma 2");
        assertThat(adminDisables.status()).isEqualTo(403);
        assertThat(ownerRemovesSelf.status()).isEqualTo(409);
        assertThat(ownerRemovesSelf.json().get("code").asText()).isEqualTo("owner_required");
        assertThat(adminRemovesAdmin.status()).isEqualTo(404);
        assertThat(erinLeaves.status()).isEqualTo(204);
        assertThat(alice.api()
                        .get("/api/v1/organizations/" + a + "/members")
                        .raw()
                        .body())
                .contains(dave.username())
                .contains(bob.username())
                .doesNotContain(erin.username());
        assertThat(erin.api().get("/api/v1/organizations/" + a).status()).isEqualTo(404);
    }

    @Test
    void givenAnOwner_whenOwnershipIsTransferred_thenTheNewOwnerRulesAndTheOldOneStaysAsAdmin() {
        // given
        Person alice = person("org-transfer-a", "USER");
        Person bob = person("org-transfer-b", "USER");
        String a = create(alice, "Delta");
        alice.api().post("/api/v1/organizations/" + a + "/members", Map.of("username", bob.username()));

        // when
        AdminApi.Reply bobTakes =
                bob.api().post("/api/v1/organizations/" + a + "/transfer", Map.of("userId", bob.id()));
        AdminApi.Reply toOutsider =
                alice.api().post("/api/v1/organizations/" + a + "/transfer", Map.of("userId", "nobody"));
        AdminApi.Reply transfer =
                alice.api().post("/api/v1/organizations/" + a + "/transfer", Map.of("userId", bob.id()));
        AdminApi.Reply oldOwnerDisables = alice.api().patch("/api/v1/organizations/" + a, Map.of("status", "disabled"));
        AdminApi.Reply newOwnerDisables = bob.api().patch("/api/v1/organizations/" + a, Map.of("status", "disabled"));
        AdminApi.Reply badField = bob.api().post("/api/v1/organizations", Map.of("name", "X", "ownerId", "root"));
        AdminApi.Reply badName = bob.api().post("/api/v1/organizations", Map.of("name", " "));

        // then
        assertThat(bobTakes.status()).isEqualTo(403);
        assertThat(toOutsider.status()).isEqualTo(404);
        assertThat(toOutsider.json().get("code").asText()).isEqualTo("member_not_found");
        assertThat(transfer.status()).as(transfer.raw().body()).isEqualTo(200);
        assertThat(transfer.json().get("yourRole").asText()).isEqualTo("ADMIN");
        assertThat(oldOwnerDisables.status()).isEqualTo(403);
        assertThat(newOwnerDisables.status()).isEqualTo(200);
        assertThat(newOwnerDisables.json().get("status").asText()).isEqualTo("disabled");
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.raw().body()).contains("ownerId");
        assertThat(badName.status()).isEqualTo(400);
    }

    @Test
    void givenAnOrganisation_whenItsAuditLogIsAsked_thenItsOwnerAndAdminsReadItAndOthersCannot() throws Exception {
        // given
        Person alice = person("org-audit-owner", "USER");
        Person dave = person("org-audit-admin", "USER");
        Person bob = person("org-audit-member", "USER");
        Person carol = person("org-audit-outsider", "USER");
        String a = create(alice, "Epsilon");
        alice.api()
                .post("/api/v1/organizations/" + a + "/members", Map.of("username", dave.username(), "role", "ADMIN"));
        alice.api().post("/api/v1/organizations/" + a + "/members", Map.of("username", bob.username()));

        // when: the audit projection follows the events within moments
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> dave.api()
                                .get("/api/v1/audit-log?organizationId=" + a)
                                .json()
                                .get("total")
                                .asLong()
                        >= 3);
        JsonNode entries =
                dave.api().get("/api/v1/audit-log?organizationId=" + a).json();
        AdminApi.Reply member = bob.api().get("/api/v1/audit-log?organizationId=" + a);
        AdminApi.Reply outsider = carol.api().get("/api/v1/audit-log?organizationId=" + a);

        // then: created, two members added — by alice, read by dave (an admin of it)
        assertThat(entries.get("total").asLong()).isEqualTo(3);
        assertThat(entries.toString())
                .contains("organization.created")
                .contains("organization.member_added")
                .contains("\"actor\":\"user:" + alice.id() + "\"");
        assertThat(member.status()).isEqualTo(403);
        assertThat(outsider.status()).isEqualTo(404);
    }

    @Test
    void givenAnInvitation_whenTheInviteeAcceptsOrDeclines_thenTheyJoinOnlyByAccepting() {
        // given
        Person alice = person("org-inv-owner", "USER");
        Person dave = person("org-inv-admin", "USER");
        Person bob = person("org-inv-bob", "USER");
        Person erin = person("org-inv-erin", "USER");
        Person frank = person("org-inv-frank", "USER");
        String a = create(alice, "Zeta");
        alice.api()
                .post("/api/v1/organizations/" + a + "/members", Map.of("username", dave.username(), "role", "ADMIN"));

        // when
        AdminApi.Reply inviteBob =
                dave.api().post("/api/v1/organizations/" + a + "/invitations", Map.of("username", bob.username()));
        AdminApi.Reply inviteErin = alice.api()
                .post(
                        "/api/v1/organizations/" + a + "/invitations",
                        Map.of("username", erin.username(), "role", "ADMIN"));
        AdminApi.Reply adminInvitesAdmin = dave.api()
                .post(
                        "/api/v1/organizations/" + a + "/invitations",
                        Map.of("username", frank.username(), "role", "ADMIN"));
        AdminApi.Reply twice =
                alice.api().post("/api/v1/organizations/" + a + "/invitations", Map.of("username", bob.username()));
        AdminApi.Reply bobSeesBeforeAccepting = bob.api().get("/api/v1/organizations/" + a);
        AdminApi.Reply bobsInvitations = bob.api().get("/api/v1/organizations/invitations");
        AdminApi.Reply pending = alice.api().get("/api/v1/organizations/" + a + "/invitations");
        AdminApi.Reply frankAccepts = frank.api().post("/api/v1/organizations/" + a + "/invitations/accept", Map.of());
        AdminApi.Reply bobAccepts = bob.api().post("/api/v1/organizations/" + a + "/invitations/accept", Map.of());
        AdminApi.Reply erinDeclines = erin.api().post("/api/v1/organizations/" + a + "/invitations/decline", Map.of());
        AdminApi.Reply erinAcceptsAfter =
                erin.api().post("/api/v1/organizations/" + a + "/invitations/accept", Map.of());

        // then
        assertThat(inviteBob.status()).as(inviteBob.raw().body()).isEqualTo(201);
        assertThat(inviteErin.status()).isEqualTo(201);
        assertThat(adminInvitesAdmin.status()).isEqualTo(403);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(bobSeesBeforeAccepting.status()).isEqualTo(404);
        assertThat(bobsInvitations.raw().body()).contains(a).contains("Zeta").contains("MEMBER");
        assertThat(pending.raw().body()).contains(bob.username()).contains(erin.username());
        assertThat(frankAccepts.status()).isEqualTo(404);
        assertThat(bobAccepts.status()).as(bobAccepts.raw().body()).isEqualTo(200);
        assertThat(bobAccepts.json().get("role").asText()).isEqualTo("MEMBER");
        assertThat(bob.api()
                        .get("/api/v1/organizations/" + a)
                        .json()
                        .get("yourRole")
                        .asText())
                .isEqualTo("MEMBER");
        assertThat(erinDeclines.status()).isEqualTo(204);
        assertThat(erinAcceptsAfter.status()).isEqualTo(404);
        assertThat(erin.api().get("/api/v1/organizations/" + a).status()).isEqualTo(404);
        assertThat(alice.api()
                        .get("/api/v1/organizations/" + a + "/invitations")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void givenManyOrganisations_whenSearchingByNameAPageAtATime_thenPagesAndTotalsCoverOnlyTheMatchesTheCallerSees() {
        // given: three teams of alice, one of carol, all sharing a name part in another case
        Person alice = person("org-page-a", "USER");
        Person carol = person("org-page-c", "USER");
        String stem = uniqueModel("Paged-Team");
        String first = create(alice, stem + " one");
        String second = create(alice, stem + " two");
        String third = create(alice, "The " + stem + " three");
        String carols = create(carol, stem + " carol");
        String query = "/api/v1/organizations?q=" + stem.toLowerCase(Locale.ROOT);

        // when
        JsonNode rootFirst = admin.get(query + "&size=3").json();
        JsonNode rootSecond = admin.get(query + "&size=3&page=1").json();
        JsonNode aliceSees = alice.api().get(query).json();
        AdminApi.Reply tooBig = admin.get("/api/v1/organizations?size=501");
        AdminApi.Reply negative = admin.get("/api/v1/organizations?page=-1");
        AdminApi.Reply longSearch = admin.get("/api/v1/organizations?q=" + "x".repeat(101));

        // then: root pages through all four, in creation order (the JPA read side's order, ADR 12)
        assertThat(rootFirst.get("total").asLong()).isEqualTo(4);
        assertThat(rootFirst.get("size").asInt()).isEqualTo(3);
        assertThat(rootFirst.get("items").findValuesAsText("id")).containsExactly(first, second, third);
        assertThat(rootSecond.get("page").asInt()).isEqualTo(1);
        assertThat(rootSecond.get("items").findValuesAsText("id")).containsExactly(carols);
        // and: a member finds only their own
        assertThat(aliceSees.get("total").asLong()).isEqualTo(3);
        assertThat(aliceSees.get("items").findValuesAsText("id")).containsExactlyInAnyOrder(first, second, third);
        // and: bad paging or search is a problem on the parameter
        for (AdminApi.Reply r : new AdminApi.Reply[] {tooBig, negative, longSearch}) {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
            assertThat(r.raw().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        }
    }
}
