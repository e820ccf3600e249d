package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.account.port.in.SigningKeyUseCase;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 18 item 6: the session signing key is kept encrypted in the database, like the channels' keys. Someone who
 * reads the {@code setting} table (a backup, a read-only database account) cannot sign a session with what is there.
 */
class SigningKeyAtRestEndToEndTest extends EndToEndTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SigningKeyUseCase signingKeys;

    private static String resign(String token, byte[] key) throws GeneralSecurityException {
        String signed = token.substring(0, token.lastIndexOf('.'));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return signed + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void givenASignedInSession_whenTheSettingTableIsRead_thenItHoldsNoKeyThatSignsASession() throws Exception {
        // given
        AdminApi.Reply login =
                admin.call("POST", "/api/v1/auth/login", Map.of("username", "root", "password", ROOT_PASSWORD), null);
        String token = login.json().get("accessToken").asText();
        byte[] key = signingKeys.signingKey();

        // when
        String stored = jdbc.queryForObject("select value from setting where name = 'auth.signing-key'", String.class);
        AdminApi.Reply withTheRealKey = admin.call("GET", "/api/v1/users/me", null, resign(token, key));
        AdminApi.Reply withTheStoredText =
                admin.call("GET", "/api/v1/users/me", null, resign(token, stored.getBytes(StandardCharsets.US_ASCII)));

        // then
        assertThat(stored)
                .startsWith("sealed:v1:")
                .doesNotContain(Base64.getEncoder().encodeToString(key))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        assertThat(resign(token, key))
                .as("the session is signed with the decrypted key")
                .isEqualTo(token);
        assertThat(withTheRealKey.status()).isEqualTo(200);
        assertThat(withTheStoredText.status()).isEqualTo(401);
    }

    @Test
    void givenTheInviteCodeKey_whenTheSettingTableIsRead_thenItIsSealedToo() {
        // when
        String stored = jdbc.queryForObject("select value from setting where name = 'invite-code-key'", String.class);

        // then
        assertThat(stored).startsWith("sealed:v1:");
    }
}
