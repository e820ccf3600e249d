package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 7: a platform ADMIN's power over other users' keys and access tokens reaches only USERs. An ADMIN
 * cannot rotate, disable or delete ROOT's keys or another ADMIN's, nor revoke ROOT's access tokens; ROOT can.
 */
class RoleOrderEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-7";

    private AdminApi signedIn(String role) {
        String name = uniqueModel("rank-" + role.toLowerCase());
        AdminApi.Reply created =
                admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD, "role", role));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new AdminApi(port).loginAs(name, PASSWORD);
    }

    private static String keyOf(AdminApi holder) {
        return holder.createToken(Map.of("name", "k", "unlimitedQuota", true))
                .get("id")
                .asText();
    }

    @Test
    void givenAnAdmin_whenActingOnRootsOrAnotherAdminsKeys_thenRefusedAndTheKeysAreUnchanged() {
        // given
        AdminApi alice = signedIn("ADMIN");
        AdminApi bob = signedIn("ADMIN");
        String rootKey = keyOf(admin);
        String bobKey = keyOf(bob);

        for (String key : List.of(rootKey, bobKey)) {
            // when
            AdminApi.Reply disable = alice.patch("/api/v1/tokens/" + key, Map.of("status", "disabled"));
            AdminApi.Reply rotate = alice.post("/api/v1/tokens/" + key + "/rotate", null);
            AdminApi.Reply delete = alice.delete("/api/v1/tokens/" + key);

            // then
            for (AdminApi.Reply r : List.of(disable, rotate, delete)) {
                assertThat(r.status()).as(r.raw().uri() + " " + r.raw().body()).isEqualTo(403);
                assertThat(r.json().get("code").asText()).isEqualTo("outranked");
            }
            assertThat(admin.get("/api/v1/tokens/" + key).json().get("status").asText())
                    .isEqualTo("enabled");
        }
    }

    @Test
    void givenRootAndAnAdmin_whenActingOnLowerRanks_thenAllowed() {
        // given
        AdminApi alice = signedIn("ADMIN");
        AdminApi carol = signedIn("USER");
        String aliceKey = keyOf(alice);
        String carolKey = keyOf(carol);

        // when
        AdminApi.Reply rootOnAdmin = admin.patch("/api/v1/tokens/" + aliceKey, Map.of("status", "disabled"));
        AdminApi.Reply adminOnUser = alice.patch("/api/v1/tokens/" + carolKey, Map.of("status", "disabled"));
        AdminApi.Reply adminOnOwn = alice.post("/api/v1/tokens/" + aliceKey + "/rotate", null);

        // then
        assertThat(rootOnAdmin.status()).as(rootOnAdmin.raw().body()).isEqualTo(200);
        assertThat(adminOnUser.status()).as(adminOnUser.raw().body()).isEqualTo(200);
        assertThat(adminOnOwn.status()).as(adminOnOwn.raw().body()).isEqualTo(200);
    }

    @Test
    void givenAnAdmin_whenRevokingRootsAccessToken_thenRefusedAndTheTokenStillWorks() {
        // given
        AdminApi alice = signedIn("ADMIN");
        AdminApi.Reply created =
                admin.post("/api/v1/users/me/access-tokens", Map.of("name", uniqueModel("root-pat"), "scope", "read"));
        String id = created.json().get("id").asText();
        String secret = created.json().get("token").asText();

        // when
        AdminApi.Reply revoke = alice.delete("/api/v1/users/me/access-tokens/" + id);

        // then
        assertThat(revoke.status()).as(revoke.raw().body()).isEqualTo(403);
        assertThat(revoke.json().get("code").asText()).isEqualTo("outranked");
        assertThat(admin.withBearer(secret).get("/api/v1/users/me").status()).isEqualTo(200);
    }
}
