package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lists of organisations and members from the JPA read side, through real HTTP: a change is in the next list at
 * once (read-your-writes), pages and filters, the viewer's own organisations only, and errors: an outsider gets 404
 * before any parameter is checked, a bad parameter 400 as problem+json.
 */
class OrganizationListsEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "lists-horse-battery-7";

    private record Person(String id, String username, AdminApi api) {}

    private Person person(String prefix) {
        String username = uniqueModel(prefix);
        AdminApi.Reply r = admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), username, new AdminApi(port).loginAs(username, PASSWORD));
    }

    @Test
    void givenAChangeJustMade_whenTheListsAreReadRightAway_thenTheyShowIt() {
        // given
        Person owner = person("lists-owner");
        Person bob = person("lists-bob");
        String org = owner.api()
                .post("/api/v1/organizations", Map.of("name", "Lists " + owner.username()))
                .json()
                .get("id")
                .asText();

        // when: each list read right after the change, without waiting
        owner.api().post("/api/v1/organizations/" + org + "/members", Map.of("username", bob.username()));
        JsonNode members =
                owner.api().get("/api/v1/organizations/" + org + "/members").json();
        owner.api().patch("/api/v1/organizations/" + org, Map.of("name", "Renamed " + owner.username()));
        JsonNode bobs = bob.api().get("/api/v1/organizations?personal=false").json();

        // then
        assertThat(members.get("total").asLong()).isEqualTo(2);
        assertThat(members.get("items"))
                .extracting(
                        m -> m.get("username").asText() + ":" + m.get("role").asText())
                .containsExactly(bob.username() + ":MEMBER", owner.username() + ":OWNER");
        assertThat(bobs.get("total").asLong()).isEqualTo(1);
        assertThat(bobs.get("items").get(0).get("name").asText()).isEqualTo("Renamed " + owner.username());
        assertThat(bobs.get("items").get(0).get("yourRole").asText()).isEqualTo("MEMBER");
        assertThat(bobs.get("items").get(0).get("members").asInt()).isEqualTo(2);
    }

    @Test
    void givenMembers_whenPagedAndFiltered_thenEachPageHoldsTheNextOnesAndTheFiltersApply() {
        // given: an owner and five members, one of them an admin
        Person owner = person("lists-pager");
        String org = owner.api()
                .post("/api/v1/organizations", Map.of("name", "Pager " + owner.username()))
                .json()
                .get("id")
                .asText();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Person member = person("lists-m" + i);
            names.add(member.username());
            owner.api()
                    .post(
                            "/api/v1/organizations/" + org + "/members",
                            Map.of("username", member.username(), "role", i == 0 ? "ADMIN" : "MEMBER"));
        }
        String base = "/api/v1/organizations/" + org + "/members";

        // when
        JsonNode first = owner.api().get(base + "?size=2").json();
        JsonNode second = owner.api().get(base + "?size=2&page=1").json();
        JsonNode admins = owner.api().get(base + "?role=admin").json();
        JsonNode named = owner.api().get(base + "?q=" + names.get(3)).json();
        JsonNode mine =
                owner.api().get("/api/v1/organizations?q=pager&personal=false").json();

        // then
        assertThat(first.get("total").asLong()).isEqualTo(6);
        assertThat(first.get("items").get(0).get("username").asText()).isEqualTo(names.get(0));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("items").get(0).get("role").asText()).isEqualTo("MEMBER");
        assertThat(admins.get("items"))
                .extracting(m -> m.get("username").asText())
                .containsExactly(names.get(0));
        assertThat(named.get("items"))
                .extracting(m -> m.get("username").asText())
                .containsExactly(names.get(3));
        assertThat(mine.get("items")).extracting(o -> o.get("id").asText()).containsExactly(org);
    }

    @Test
    void givenAnOutsiderOrBadParameters_whenListed_then404BeforeValidationAnd400AsProblems() {
        // given
        Person owner = person("lists-errors");
        Person outsider = person("lists-outsider");
        String org = owner.api()
                .post("/api/v1/organizations", Map.of("name", "Errors " + owner.username()))
                .json()
                .get("id")
                .asText();

        // when
        AdminApi.Reply outsiderBadRole =
                outsider.api().get("/api/v1/organizations/" + org + "/members?role=king&size=0");
        AdminApi.Reply badRole = owner.api().get("/api/v1/organizations/" + org + "/members?role=king");
        AdminApi.Reply badStatus = owner.api().get("/api/v1/organizations?status=paused");
        AdminApi.Reply badSize = owner.api().get("/api/v1/organizations?size=501");
        JsonNode outsiders =
                outsider.api().get("/api/v1/organizations?personal=false").json();

        // then
        assertThat(outsiderBadRole.status()).isEqualTo(404);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(badRole.json().get("code").asText()).isEqualTo("invalid_value");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("detail").asText()).contains("status");
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(outsiders.get("total").asLong()).isZero();
    }
}
