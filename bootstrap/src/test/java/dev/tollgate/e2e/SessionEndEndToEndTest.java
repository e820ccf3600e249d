package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 6: a logout ends that session (and only it); an admin ends every session of a user at once, within
 * the role order; a personal access token cannot log out (it is revoked instead).
 */
class SessionEndEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-6";

    private JsonNode user(String role) {
        AdminApi.Reply r = admin.post(
                "/api/v1/users", Map.of("username", uniqueModel("session"), "password", PASSWORD, "role", role));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void givenTwoSessionsOfOneUser_whenOneLogsOut_thenOnlyThatOneIsRefused() {
        // given
        String name = user("USER").get("username").asText();
        AdminApi laptop = new AdminApi(port).loginAs(name, PASSWORD);
        AdminApi phone = new AdminApi(port).loginAs(name, PASSWORD);

        // when
        AdminApi.Reply logout = laptop.post("/api/v1/auth/logout", null);

        // then
        assertThat(logout.status()).as(logout.raw().body()).isEqualTo(204);
        assertThat(laptop.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(phone.get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void givenAUserWithSessions_whenAnAdminEndsThem_thenEveryOneIsRefusedAndANewSignInWorks() {
        // given
        JsonNode target = user("USER");
        String name = target.get("username").asText();
        AdminApi first = new AdminApi(port).loginAs(name, PASSWORD);
        AdminApi second = new AdminApi(port).loginAs(name, PASSWORD);
        String pat = first.post("/api/v1/users/me/access-tokens", Map.of("name", "ci", "scope", "read"))
                .json()
                .get("token")
                .asText();

        // when
        AdminApi.Reply ended = admin.delete("/api/v1/users/" + target.get("id").asText() + "/sessions");

        // then
        assertThat(ended.status()).as(ended.raw().body()).isEqualTo(204);
        assertThat(first.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(second.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(new AdminApi(port)
                        .loginAs(name, PASSWORD)
                        .get("/api/v1/users/me")
                        .status())
                .isEqualTo(200);
        assertThat(admin.withBearer(pat).post("/api/v1/auth/logout", null).status())
                .isEqualTo(403);
    }

    @Test
    void givenAnAdmin_whenEndingRootsOrAnotherAdminsSessions_thenRefused_andAUserCannotEndAnyonesSessions() {
        // given
        String alice = user("ADMIN").get("username").asText();
        JsonNode bob = user("ADMIN");
        JsonNode carol = user("USER");
        AdminApi asAlice = new AdminApi(port).loginAs(alice, PASSWORD);
        AdminApi asCarol = new AdminApi(port).loginAs(carol.get("username").asText(), PASSWORD);

        // when
        AdminApi.Reply onRoot = asAlice.delete("/api/v1/users/root/sessions");
        AdminApi.Reply onAdmin = asAlice.delete("/api/v1/users/" + bob.get("id").asText() + "/sessions");
        AdminApi.Reply byUser = asCarol.delete("/api/v1/users/" + bob.get("id").asText() + "/sessions");

        // then
        assertThat(onRoot.status()).as(onRoot.raw().body()).isEqualTo(403);
        assertThat(onAdmin.status()).as(onAdmin.raw().body()).isEqualTo(403);
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/users/me").status()).isEqualTo(200);
    }
}
