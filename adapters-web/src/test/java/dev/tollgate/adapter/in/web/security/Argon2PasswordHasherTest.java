package dev.tollgate.adapter.in.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.account.port.in.LoginThrottledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 18, item 12: password hashing has a concurrency cap, so a flood of logins cannot exhaust memory. */
class Argon2PasswordHasherTest {

    @Test
    void givenOneHashingSlot_whenEightPasswordsAreCheckedAtOnce_thenThoseFindingNoSlotAreRefusedWithRetryAfter()
            throws Exception {
        // given
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(1, Duration.ofMillis(1));
        String hash = new Argon2PasswordHasher(1, Duration.ofSeconds(5)).hash("correct-horse-battery");

        // when
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> hasher.matches("correct-horse-battery", hash)));
            }
        }
        int checked = 0;
        int refused = 0;
        for (Future<Boolean> r : results) {
            try {
                assertThat(r.get()).isTrue();
                checked++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(LoginThrottledException.class);
                assertThat(((LoginThrottledException) e.getCause()).retryAfterSeconds())
                        .isEqualTo(1);
                refused++;
            }
        }

        // then
        assertThat(checked).isGreaterThanOrEqualTo(1);
        assertThat(refused).isGreaterThanOrEqualTo(1);
        assertThat(checked + refused).isEqualTo(8);
    }
}
