package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: {@code POST /api/v1/webhooks} authorises before it validates. The scope (the {@code organizationId} query
 * parameter, else the body's when the body is JSON, else the platform) is checked first: an anonymous caller gets 401,
 * a caller who may not manage the scope 403 (or 404 for an organisation they do not belong to) whatever the body, and
 * nothing is made; a caller who may manage it gets the 400 that describes the body.
 */
class WebhookAuthorizationEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "webhook-authz-pw-8";
    /** A documentation address (TEST-NET-3): public, never contacted (nothing is told to the organisation). */
    private static final String URL = "https://203.0.113.7/tollgate";

    private static final List<String> BAD_BODIES =
            List.of("{not json", "", "[]", "{\"url\":5}", "{\"url\":[1],\"surprise\":true}", "{\"organizationId\":7}");

    private record Person(String id, String username, AdminApi api) {}

    private Person person(String prefix) {
        String username = uniqueModel(prefix);
        AdminApi.Reply r =
                admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD, "role", "USER"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), username, new AdminApi(port).loginAs(username, PASSWORD));
    }

    private static String organisation(Person owner) {
        AdminApi.Reply r = owner.api().post("/api/v1/organizations", Map.of("name", uniqueModel("hooks-org")));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private int platformWebhooks() {
        return admin.get("/api/v1/webhooks").json().get("data").size();
    }

    private static void assertProblem(AdminApi.Reply reply, int status, String code, String what) {
        assertThat(reply.status()).as(what + ": " + reply.raw().body()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse(""))
                .as(what)
                .startsWith("application/problem+json");
        assertThat(reply.json().get("code").asText()).as(what).isEqualTo(code);
    }

    @Test
    void givenCallersWhoMayNotManageTheScope_whenTheyPostAnyBody_thenTheyGet401Or403Or404AndNothingIsMade() {
        // given
        Person owner = person("hooks-owner");
        Person member = person("hooks-member");
        Person stranger = person("hooks-stranger");
        String org = organisation(owner);
        AdminApi.Reply joined =
                owner.api().post("/api/v1/organizations/" + org + "/members", Map.of("username", member.username()));
        assertThat(joined.status()).as(joined.raw().body()).isIn(200, 201);
        int platformBefore = platformWebhooks();
        AdminApi anonymous = new AdminApi(port);

        for (String body : BAD_BODIES) {
            // when
            AdminApi.Reply nobody = anonymous.call("POST", "/api/v1/webhooks", body, null);
            AdminApi.Reply userForThePlatform = stranger.api().raw("POST", "/api/v1/webhooks", body);
            AdminApi.Reply strangerForTheOrg =
                    stranger.api().raw("POST", "/api/v1/webhooks?organizationId=" + org, body);
            AdminApi.Reply memberForTheOrg = member.api().raw("POST", "/api/v1/webhooks?organizationId=" + org, body);

            // then
            assertThat(nobody.status()).as("anonymous with " + body).isEqualTo(401);
            assertProblem(userForThePlatform, 403, "admin_required", "a user, platform scope, " + body);
            assertProblem(strangerForTheOrg, 404, "organization_not_found", "a stranger to the org, " + body);
            assertThat(memberForTheOrg.status())
                    .as("a plain member, " + body + ": " + memberForTheOrg.raw().body())
                    .isEqualTo(403);
        }
        AdminApi.Reply scopeInTheBody = stranger.api()
                .raw("POST", "/api/v1/webhooks", "{\"organizationId\":\"" + org + "\",\"url\":[\"not a url\"]}");
        assertProblem(scopeInTheBody, 404, "organization_not_found", "the scope read from a JSON body");
        assertThat(platformWebhooks()).isEqualTo(platformBefore);
        assertThat(owner.api()
                        .get("/api/v1/webhooks?organizationId=" + org)
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void givenAnOrganisationsOwner_whenTheyPost_thenBadBodiesAreDescribedAndTheQueryParameterNamesTheScope() {
        // given
        Person owner = person("hooks-manager");
        String org = organisation(owner);
        String path = "/api/v1/webhooks?organizationId=" + org;

        // when
        AdminApi.Reply malformed = owner.api().raw("POST", path, "{not json");
        AdminApi.Reply wrongType = owner.api().raw("POST", path, "{\"url\":5}");
        AdminApi.Reply otherScope =
                owner.api().raw("POST", path, "{\"organizationId\":\"someone-else\",\"url\":\"" + URL + "\"}");
        AdminApi.Reply internal = owner.api().raw("POST", path, "{\"url\":\"http://127.0.0.1:9/x\"}");
        AdminApi.Reply made = owner.api().raw("POST", path, "{\"url\":\"" + URL + "\"}");
        AdminApi.Reply platformMalformed = admin.raw("POST", "/api/v1/webhooks", "{not json");

        // then
        assertProblem(malformed, 400, "invalid_value", "malformed JSON");
        assertThat(malformed.json().get("field").asText()).isEqualTo("body");
        assertProblem(wrongType, 400, "invalid_value", "url of the wrong type");
        assertProblem(otherScope, 400, "invalid_value", "another organisation in the body");
        assertProblem(internal, 400, "invalid_webhook_url", "an internal address");
        assertProblem(platformMalformed, 400, "invalid_value", "a platform admin's malformed JSON");
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        assertThat(made.json().get("organizationId").asText()).isEqualTo(org);
        assertThat(made.json().get("secret").asText()).startsWith("whsec_");
        assertThat(owner.api().get(path).json().get("data")).hasSize(1);
        assertThat(owner.api()
                        .delete("/api/v1/webhooks/" + made.json().get("id").asText())
                        .status())
                .isEqualTo(204);
    }
}
