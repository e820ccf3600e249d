package dev.tollgate.application.account.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.account.service.LoginService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Login throttling per username and address, per address (password spraying) and per username (distributed
 * guessing), each over one minute. (Argon2id itself is tested with the adapter; here a reversible stand-in keeps the
 * test fast.)
 */
class LoginThrottlingTest {
    private static final String PASSWORD = "correct-horse-battery-1";
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final UserDirectory users = new UserDirectory(new ViewFreshness());
    private final PasswordHasherPort hasher = new PasswordHasherPort() {
        @Override
        public String hash(String rawPassword) {
            return "plain:" + rawPassword;
        }

        @Override
        public boolean matches(String rawPassword, String hash) {
            return hash.equals("plain:" + rawPassword);
        }
    };
    private final LoginService login;

    LoginThrottlingTest() {
        users.on(new UserRegisteredEvent("u-alice", "alice", hasher.hash(PASSWORD), "USER", "root", now.get()), 0);
        login = new LoginService(users, hasher, now::get);
    }

    @Test
    void givenTenFailuresForOneUserFromOneAddress_whenTheRightPasswordComes_thenItIsRefusedForAMinute() {
        // given
        for (int i = 0; i < 10; i++) {
            fail("alice", "10.0.0.1");
        }

        // when / then
        assertThatThrownBy(() -> login.login("alice", PASSWORD, "10.0.0.1"))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(login.login("alice", PASSWORD, "10.0.0.2").userId()).isEqualTo("u-alice");
        now.set(now.get().plusSeconds(61));
        assertThat(login.login("alice", PASSWORD, "10.0.0.1").userId()).isEqualTo("u-alice");
    }

    @Test
    void givenThirtyFailuresFromOneAddressOnDifferentUsernames_whenAnyLoginComesFromIt_thenItIsRefused() {
        // given: password spraying, one attempt per username
        for (int i = 0; i < 30; i++) {
            fail("user" + i, "10.0.0.9");
        }

        // when / then
        assertThatThrownBy(() -> login.login("alice", PASSWORD, "10.0.0.9"))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(login.login("alice", PASSWORD, "10.0.0.10").userId()).isEqualTo("u-alice");
    }

    @Test
    void givenFiftyFailuresForOneUsernameFromFiftyAddresses_whenTheNextAttemptComes_thenItIsRefusedFromAnyAddress() {
        // given: distributed guessing, under every per-address limit
        for (int i = 0; i < 50; i++) {
            fail("alice", "10.1.0." + i);
        }

        // when / then
        assertThatThrownBy(() -> login.login("alice", PASSWORD, "10.2.0.1"))
                .isInstanceOf(LoginThrottledException.class);
        fail("bob", "10.2.0.1"); // other usernames from that address are not throttled
    }

    @Test
    void givenFortyNineFailuresForOneUsername_whenTheOwnerSignsIn_thenItWorks() {
        // given
        for (int i = 0; i < 49; i++) {
            fail("alice", "10.3.0." + i);
        }

        // when / then
        assertThat(login.login("alice", PASSWORD, "10.4.0.1").userId()).isEqualTo("u-alice");
    }

    private void fail(String username, String address) {
        assertThatThrownBy(() -> login.login(username, "wrong-password", address))
                .isInstanceOf(LoginRefusedException.class);
    }
}
