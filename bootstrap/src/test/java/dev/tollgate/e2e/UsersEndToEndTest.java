package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Users across three roles: ROOT manages ADMINs, ADMINs manage USERs, USERs manage only their own keys; disabling a
 * user ends their sessions and refuses their keys at once; the root user cannot be demoted, disabled or deleted;
 * fields a caller may not set are refused.
 */
class UsersEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode createUser(AdminApi as, String prefix, String role) {
        AdminApi.Reply r =
                as.post("/api/v1/users", Map.of("username", uniqueModel(prefix), "password", PASSWORD, "role", role));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    /** Users' keys are limited by their wallet: give them something to spend. */
    private void fund(JsonNode user) {
        AdminApi.Reply r = admin.post(
                "/api/v1/users/" + user.get("id").asText() + "/wallet/credits",
                Map.of("amount", 100_000, "reason", "test budget"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }

    private AdminApi signIn(JsonNode user) {
        return new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);
    }

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
    void givenAUser_thenTheyManageTheirOwnKeysButNoAdminResource() throws Exception {
        // given
        String model = uniqueModel("users-model");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1, 1);
        JsonNode alice = createUser(admin, "alice", "USER");
        fund(alice);
        AdminApi asAlice = signIn(alice);

        // when
        AdminApi.Reply ownKey = asAlice.post("/api/v1/tokens", Map.of("name", "mine", "unlimitedQuota", true));
        AdminApi.Reply channels = asAlice.get("/api/v1/channels");
        AdminApi.Reply users = asAlice.get("/api/v1/users");
        AdminApi.Reply makeMeAdmin =
                asAlice.patch("/api/v1/users/" + alice.get("id").asText(), Map.of("role", "ADMIN"));
        AdminApi.Reply me = asAlice.get("/api/v1/users/me");
        AdminApi.Reply someoneElse = asAlice.get("/api/v1/users/root");

        // then
        assertThat(ownKey.status()).isEqualTo(201);
        assertThat(chat(ownKey.json().get("key").asText(), model)).isEqualTo(200);
        assertThat(channels.status()).isEqualTo(403);
        assertThat(users.status()).isEqualTo(403);
        assertThat(makeMeAdmin.status()).isEqualTo(403);
        assertThat(me.json().get("role").asText()).isEqualTo("USER");
        assertThat(me.raw().body()).doesNotContain("argon2").doesNotContain("password");
        assertThat(someoneElse.status()).isEqualTo(404);
    }

    @Test
    void givenAnAdmin_thenTheyManageUsersButNotAdminsAndOnlyRootMakesAdmins() {
        // given
        JsonNode bob = createUser(admin, "bob", "ADMIN");
        AdminApi asBob = signIn(bob);
        JsonNode carol = createUser(asBob, "carol", "USER");
        JsonNode otherAdmin = createUser(admin, "dave", "ADMIN");

        // when
        AdminApi.Reply bobMakesAdmin = asBob.post(
                "/api/v1/users", Map.of("username", uniqueModel("eve"), "password", PASSWORD, "role", "ADMIN"));
        AdminApi.Reply bobDisablesAdmin =
                asBob.patch("/api/v1/users/" + otherAdmin.get("id").asText(), Map.of("status", "disabled"));
        AdminApi.Reply bobDisablesUser =
                asBob.patch("/api/v1/users/" + carol.get("id").asText(), Map.of("status", "disabled"));

        // then
        assertThat(bobMakesAdmin.status()).isEqualTo(403);
        assertThat(bobDisablesAdmin.status()).isEqualTo(403);
        assertThat(bobDisablesUser.status()).isEqualTo(200);
        assertThat(bobDisablesUser.json().get("status").asText()).isEqualTo("disabled");
    }

    @Test
    void givenADisabledUser_thenTheirSessionEndsAndTheirKeysAreRefusedAtOnce() throws Exception {
        // given
        String model = uniqueModel("users-disable");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1, 1);
        JsonNode frank = createUser(admin, "frank", "USER");
        fund(frank);
        AdminApi asFrank = signIn(frank);
        String key = asFrank.post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true))
                .json()
                .get("key")
                .asText();
        assertThat(chat(key, model)).isEqualTo(200);

        // when
        AdminApi.Reply disabled =
                admin.patch("/api/v1/users/" + frank.get("id").asText(), Map.of("status", "disabled"));

        // then
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(chat(key, model)).isEqualTo(401);
        assertThat(asFrank.get("/api/v1/users/me").status()).isEqualTo(401);
        AdminApi.Reply login = new AdminApi(port)
                .post(
                        "/api/v1/auth/login",
                        Map.of("username", frank.get("username").asText(), "password", PASSWORD));
        assertThat(login.status()).isEqualTo(401);

        // and when enabled again, the key works (a new sign-in is needed)
        admin.patch("/api/v1/users/" + frank.get("id").asText(), Map.of("status", "enabled"));
        assertThat(chat(key, model)).isEqualTo(200);
    }

    @Test
    void givenAPasswordChange_thenOldSessionsEndAndTheNewPasswordSignsIn() {
        // given
        JsonNode grace = createUser(admin, "grace", "USER");
        AdminApi first = signIn(grace);
        AdminApi second = signIn(grace);

        // when
        AdminApi.Reply wrong = first.put(
                "/api/v1/users/me/password",
                Map.of("currentPassword", "not-my-password", "newPassword", "another-long-password"));
        AdminApi.Reply changed = first.put(
                "/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "another-long-password"));

        // then
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(changed.status()).isEqualTo(204);
        assertThat(first.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(second.get("/api/v1/users/me").status()).isEqualTo(401);
        AdminApi fresh = new AdminApi(port).loginAs(grace.get("username").asText(), "another-long-password");
        assertThat(fresh.get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void givenTheRootUser_whenAnyoneTriesToDemoteDisableOrDeleteIt_then409AndNothingChanges() {
        assertThat(admin.patch("/api/v1/users/root", Map.of("role", "USER")).status())
                .isIn(403, 409);
        assertThat(admin.patch("/api/v1/users/root", Map.of("status", "disabled"))
                        .status())
                .isIn(400, 409);
        assertThat(admin.delete("/api/v1/users/root").status()).isIn(400, 409);
        assertThat(admin.get("/api/v1/users/root").json().get("role").asText()).isEqualTo("ROOT");
        assertThat(admin.get("/api/v1/users/root").json().get("status").asText())
                .isEqualTo("enabled");
    }

    @Test
    void givenRegistration_whenClosedThenOpened_thenOnlyOpenRegistersAndARoleInTheBodyIsRefused() {
        // given: closed by default
        AdminApi anonymous = new AdminApi(port);
        String name = uniqueModel("self");
        assertThat(anonymous.get("/api/v1/auth/registration").json().get("mode").asText())
                .isIn("closed", "open");
        admin.put("/api/v1/settings/registration", Map.of("mode", "closed"));
        AdminApi.Reply whileClosed =
                anonymous.post("/api/v1/auth/register", Map.of("username", name, "password", PASSWORD));

        // when
        AdminApi.Reply opened = admin.put("/api/v1/settings/registration", Map.of("mode", "open"));
        AdminApi.Reply withRole = anonymous.post(
                "/api/v1/auth/register", Map.of("username", name, "password", PASSWORD, "role", "ADMIN"));
        AdminApi.Reply registered =
                anonymous.post("/api/v1/auth/register", Map.of("username", name, "password", PASSWORD));
        AdminApi.Reply again =
                anonymous.post("/api/v1/auth/register", Map.of("username", name.toUpperCase(), "password", PASSWORD));
        admin.put("/api/v1/settings/registration", Map.of("mode", "closed"));

        // then
        assertThat(whileClosed.status()).isEqualTo(403);
        assertThat(opened.json().get("mode").asText()).isEqualTo("open");
        assertThat(withRole.status()).isEqualTo(400);
        assertThat(withRole.json().get("field").asText()).isEqualTo("role");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("role").asText()).isEqualTo("USER");
        assertThat(again.status()).isEqualTo(409);
        assertThat(new AdminApi(port)
                        .loginAs(name, PASSWORD)
                        .get("/api/v1/users/me")
                        .status())
                .isEqualTo(200);
    }
}
