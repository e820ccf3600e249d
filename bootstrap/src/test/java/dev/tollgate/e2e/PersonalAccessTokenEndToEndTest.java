package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal access tokens for scripts and CI: created by a signed-in user, shown once, stored hashed, held to their
 * scope, unable to mint others, refused once revoked or expired or when their user is disabled.
 */
class PersonalAccessTokenEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode createUser(String prefix) {
        AdminApi.Reply r = admin.post(
                "/api/v1/users", Map.of("username", uniqueModel(prefix), "password", PASSWORD, "role", "USER"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void givenAReadToken_whenUsed_thenItReadsAsItsUserAndCannotChangeAnything() {
        // given
        JsonNode user = createUser("pat-read");
        AdminApi session = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);
        AdminApi.Reply created =
                session.post("/api/v1/users/me/access-tokens", Map.of("name", "ci-read", "scope", "read"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String secret = created.json().get("token").asText();
        AdminApi pat = session.withBearer(secret);

        // when
        AdminApi.Reply me = pat.get("/api/v1/users/me");
        AdminApi.Reply write = pat.post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true));
        AdminApi.Reply adminRoute = pat.get("/api/v1/users");

        // then
        assertThat(secret).startsWith("tgp_").hasSize(44);
        assertThat(created.json().get("maskedToken").asText()).doesNotContain(secret.substring(8, 40));
        assertThat(created.json().get("scope").asText()).isEqualTo("read");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(user.get("id").asText());
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("code").asText()).isEqualTo("access_token_not_allowed");
        assertThat(adminRoute.status()).isEqualTo(403);
        assertThat(session.get("/api/v1/users/me/access-tokens").raw().body())
                .contains("ci-read")
                .doesNotContain(secret);
        Long storedClear = jdbc.queryForObject(
                "select count(*) from domain_event_entry where position(convert_to(?, 'UTF8') in payload) > 0",
                Long.class,
                secret);
        assertThat(storedClear).isZero();
    }

    @Test
    void givenAWriteToken_whenUsed_thenItChangesAsItsUserButCannotMintTokensOrChangeThePassword() {
        // given
        JsonNode user = createUser("pat-write");
        AdminApi session = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);
        String secret = session.post("/api/v1/users/me/access-tokens", Map.of("name", "ci", "scope", "write"))
                .json()
                .get("token")
                .asText();
        AdminApi pat = session.withBearer(secret);

        // when
        AdminApi.Reply key = pat.post("/api/v1/tokens", Map.of("name", "from-ci", "unlimitedQuota", true));
        AdminApi.Reply mint = pat.post("/api/v1/users/me/access-tokens", Map.of("name", "more", "scope", "write"));
        AdminApi.Reply list = pat.get("/api/v1/users/me/access-tokens");
        AdminApi.Reply password = pat.put(
                "/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "another-long-password"));

        // then
        assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
        assertThat(key.json().get("ownerId").asText()).isEqualTo(user.get("id").asText());
        assertThat(mint.status()).isEqualTo(403);
        assertThat(list.status()).isEqualTo(403);
        assertThat(password.status()).isEqualTo(403);
    }

    @Test
    void givenAWriteToken_whenItCallsSessionOnlyRoutesUnderAnotherSpelling_thenEveryOneIsRefusedAndNothingChanges() {
        // given
        JsonNode user = createUser("pat-spell");
        AdminApi session = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);
        String secret = session.post("/api/v1/users/me/access-tokens", Map.of("name", "ci", "scope", "write"))
                .json()
                .get("token")
                .asText();
        AdminApi pat = session.withBearer(secret);

        // when
        AdminApi.Reply encoded = pat.post("/api/v1/users/me/%61ccess-tokens", Map.of("name", "m", "scope", "write"));
        AdminApi.Reply encodedSegment =
                pat.post("/api/v1/users/%6De/access-tokens", Map.of("name", "m", "scope", "write"));
        AdminApi.Reply upper = pat.post("/api/v1/users/me/%61CCESS-tokens", Map.of("name", "m", "scope", "write"));
        AdminApi.Reply password = pat.put(
                "/api/v1/users/me/p%61ssword",
                Map.of("currentPassword", PASSWORD, "newPassword", "another-long-password"));
        AdminApi.Reply email = pat.put("/api/v1/users/me/email", Map.of("email", "thief@example.invalid"));
        AdminApi.Reply verify = pat.post("/api/v1/users/me/email/verification", Map.of("code", "408215"));
        AdminApi.Reply linkStart = pat.post("/api/v1/users/me/identities/github/link-start", null);
        AdminApi.Reply linkComplete = pat.post("/api/v1/users/me/identities/link-complete", Map.of("code", "x"));
        AdminApi.Reply unlink = pat.delete("/api/v1/users/me/identities/github");
        AdminApi.Reply reset = pat.post(
                "/api/v1/auth/password-reset",
                Map.of("username", user.get("username").asText()));

        // then
        for (AdminApi.Reply r :
                List.of(encoded, encodedSegment, password, email, verify, linkStart, linkComplete, unlink, reset)) {
            assertThat(r.status()).as(r.raw().uri() + " " + r.raw().body()).isEqualTo(403);
            assertThat(r.json().get("code").asText()).isEqualTo("access_token_not_allowed");
        }
        assertThat(upper.status())
                .as("no such route, in any case not a new token")
                .isIn(403, 404);
        assertThat(session.get("/api/v1/users/me/access-tokens").json().get("items"))
                .hasSize(1);
        assertThat(new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD))
                .isNotNull();
        assertThat(session.get("/api/v1/users/me/email").status()).isEqualTo(404);
    }

    @Test
    void givenATokenThatIsRevokedExpiredOrWhoseUserIsDisabled_whenUsed_thenItIsRefused() throws Exception {
        // given
        JsonNode user = createUser("pat-end");
        AdminApi session = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);
        JsonNode revoked = session.post("/api/v1/users/me/access-tokens", Map.of("name", "a", "scope", "read"))
                .json();
        String shortLived = session.post(
                        "/api/v1/users/me/access-tokens",
                        Map.of(
                                "name",
                                "b",
                                "scope",
                                "read",
                                "expiresAt",
                                Instant.now().plusSeconds(2).toString()))
                .json()
                .get("token")
                .asText();
        String kept = session.post("/api/v1/users/me/access-tokens", Map.of("name", "c", "scope", "read"))
                .json()
                .get("token")
                .asText();
        assertThat(session.withBearer(shortLived).get("/api/v1/users/me").status())
                .isEqualTo(200);

        // when / then: revoked
        assertThat(session.delete("/api/v1/users/me/access-tokens/"
                                + revoked.get("id").asText())
                        .status())
                .isEqualTo(204);
        assertThat(session.withBearer(revoked.get("token").asText())
                        .get("/api/v1/users/me")
                        .status())
                .isEqualTo(401);
        // expired: refused once its time has passed
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        session.withBearer(shortLived).get("/api/v1/users/me").status() == 401);
        // unknown
        assertThat(session.withBearer("tgp_" + "x".repeat(40))
                        .get("/api/v1/users/me")
                        .status())
                .isEqualTo(401);
        // the user disabled
        assertThat(session.withBearer(kept).get("/api/v1/users/me").status()).isEqualTo(200);
        admin.patch("/api/v1/users/" + user.get("id").asText(), Map.of("status", "disabled"));
        assertThat(session.withBearer(kept).get("/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void givenBadInput_whenCreating_thenItIsRefusedWithTheFieldAndNothingIsCreated() {
        // given
        JsonNode user = createUser("pat-bad");
        AdminApi session = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);

        // when
        AdminApi.Reply badScope = session.post("/api/v1/users/me/access-tokens", Map.of("name", "x", "scope", "root"));
        AdminApi.Reply past = session.post(
                "/api/v1/users/me/access-tokens",
                Map.of("name", "x", "scope", "read", "expiresAt", "2020-01-01T00:00:00Z"));
        AdminApi.Reply tooLong = session.post(
                "/api/v1/users/me/access-tokens",
                Map.of(
                        "name",
                        "x",
                        "scope",
                        "read",
                        "expiresAt",
                        Instant.now().plusSeconds(400L * 86_400).toString()));
        AdminApi.Reply foreignField =
                session.post("/api/v1/users/me/access-tokens", Map.of("name", "x", "scope", "read", "userId", "root"));
        AdminApi.Reply othersToken = new AdminApi(port)
                .loginAs(createUser("pat-other").get("username").asText(), PASSWORD)
                .delete("/api/v1/users/me/access-tokens/does-not-exist");

        // then
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.raw().body()).contains("scope");
        assertThat(past.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(foreignField.status()).isEqualTo(400);
        assertThat(foreignField.raw().body()).contains("userId");
        assertThat(othersToken.status()).isEqualTo(404);
        assertThat(session.get("/api/v1/users/me/access-tokens").json().get("items"))
                .isEmpty();
    }
}
