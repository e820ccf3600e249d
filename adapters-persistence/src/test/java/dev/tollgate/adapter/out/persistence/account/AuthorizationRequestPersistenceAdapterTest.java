package dev.tollgate.adapter.out.persistence.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.application.account.port.out.AuthorizationRequestPort.StoredAuthorizationRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

/** The shared store of browser sign-ins in progress, on a real PostgreSQL: field by field, once, bound, expiring. */
@ExtendWith(EmbeddedPostgresSupport.class)
class AuthorizationRequestPersistenceAdapterTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final JdbcTemplate jdbc = EmbeddedPostgresSupport.jdbc();
    private final AuthorizationRequestPersistenceAdapter store = new AuthorizationRequestPersistenceAdapter(jdbc);

    private static String hash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static StoredAuthorizationRequest request(String stateHash, String browserHash, Instant expiresAt) {
        return new StoredAuthorizationRequest(
                stateHash,
                browserHash,
                "https://github.example/login/oauth/authorize",
                "gh-client",
                "https://tollgate.example/login/oauth2/code/github",
                List.of("read:user", "user:email"),
                "authorization_code",
                Map.of(
                        "code_challenge",
                        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                        "code_challenge_method",
                        "S256"),
                Map.of(
                        "registration_id",
                        "github",
                        "code_verifier",
                        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                        "nonce",
                        "n-0S6_WzA2Mj",
                        "tollgate.link-user",
                        "u-42"),
                "https://github.example/login/oauth/authorize?response_type=code&client_id=gh-client&state=&x=1",
                expiresAt.minus(Duration.ofMinutes(10)),
                expiresAt);
    }

    @Test
    void givenASavedRequest_whenTakenWithItsStateAndBrowser_thenEveryFieldComesBackAndOnlyOnce() {
        // given
        String state = hash();
        String browser = hash();
        StoredAuthorizationRequest saved = request(state, browser, NOW.plus(Duration.ofMinutes(10)));
        store.save(saved, NOW.minus(Duration.ofHours(1)));

        // when
        Optional<StoredAuthorizationRequest> found = store.find(state, browser, NOW);
        Optional<StoredAuthorizationRequest> taken = store.take(state, browser);
        Optional<StoredAuthorizationRequest> again = store.take(state, browser);

        // then
        assertThat(found).contains(saved);
        assertThat(taken).contains(saved);
        assertThat(taken.orElseThrow().scopes()).containsExactly("read:user", "user:email");
        assertThat(again).isEmpty();
        assertThat(store.find(state, browser, NOW)).isEmpty();
    }

    @Test
    void givenASavedRequest_whenAnotherBrowserPresentsItsState_thenNothingIsFoundAndTheRequestStaysForItsBrowser() {
        // given
        String state = hash();
        String browser = hash();
        store.save(request(state, browser, NOW.plus(Duration.ofMinutes(10))), NOW.minus(Duration.ofHours(1)));

        // when
        Optional<StoredAuthorizationRequest> stranger = store.take(state, hash());
        Optional<StoredAuthorizationRequest> strangerLook = store.find(state, hash(), NOW);

        // then
        assertThat(stranger).isEmpty();
        assertThat(strangerLook).isEmpty();
        assertThat(store.take(state, browser)).isPresent();
    }

    @Test
    void givenOneRequest_whenTwoCallbacksTakeItAtOnce_thenExactlyOneGetsIt() throws Exception {
        // given: 50 requests, each raced for by two threads (as two nodes would with one replayed callback)
        List<String[]> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String[] key = {hash(), hash()};
            store.save(request(key[0], key[1], NOW.plus(Duration.ofMinutes(10))), NOW.minus(Duration.ofHours(1)));
            keys.add(key);
        }

        // when
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (String[] key : keys) {
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                for (int racer = 0; racer < 2; racer++) {
                    outcomes.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return store.take(key[0], key[1]).isPresent();
                    }));
                }
                ready.await(10, TimeUnit.SECONDS);
                go.countDown();
            }
        }

        // then
        for (int i = 0; i < outcomes.size(); i += 2) {
            boolean first = outcomes.get(i).get();
            boolean second = outcomes.get(i + 1).get();
            assertThat(first ^ second)
                    .as("request %d was taken by exactly one of the two", i / 2)
                    .isTrue();
        }
    }

    @Test
    void givenAnExpiredRequest_whenLookedUpOrTaken_thenNotFoundButTakenOnceAndMarkedExpired() {
        // given
        String state = hash();
        String browser = hash();
        Instant expiresAt = NOW.minus(Duration.ofSeconds(1));
        store.save(request(state, browser, expiresAt), NOW.minus(Duration.ofHours(1)));

        // when
        Optional<StoredAuthorizationRequest> found = store.find(state, browser, NOW);
        Optional<StoredAuthorizationRequest> taken = store.take(state, browser);

        // then
        assertThat(found).as("an expired request is not loaded").isEmpty();
        assertThat(taken).isPresent();
        assertThat(taken.orElseThrow().expiredAt(NOW)).isTrue();
        assertThat(taken.orElseThrow().expiredAt(expiresAt.minus(Duration.ofMinutes(1))))
                .isFalse();
        assertThat(store.take(state, browser)).isEmpty();
    }

    @Test
    void givenRequestsExpiredLongAgo_whenAnotherIsSaved_thenTheyArePrunedAndRecentOnesKept() {
        // given
        String old = hash();
        String recent = hash();
        String browser = hash();
        Instant now = NOW;
        store.save(request(old, browser, now.minus(Duration.ofHours(2))), now.minus(Duration.ofDays(1)));
        store.save(request(recent, browser, now.minus(Duration.ofMinutes(5))), now.minus(Duration.ofDays(1)));

        // when
        store.save(request(hash(), hash(), now.plus(Duration.ofMinutes(10))), now.minus(Duration.ofHours(1)));

        // then
        assertThat(jdbc.queryForObject(
                        "select count(*) from oauth_authorization_request where state_hash = ?", Integer.class, old))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from oauth_authorization_request where state_hash = ?", Integer.class, recent))
                .isOne();
        assertThat(jdbc.queryForObject("""
                select count(*) from oauth_authorization_request where expires_at < ?""", Integer.class, Timestamp.from(now.minus(Duration.ofHours(1)))))
                .isZero();
    }

    @Test
    void givenARequest_whenPrinted_thenThePkceVerifierAndTheNonceAreLeftOut() {
        // given
        StoredAuthorizationRequest saved = request(hash(), hash(), NOW.plus(Duration.ofMinutes(10)));

        // when
        String shown = saved.toString();

        // then
        assertThat(shown)
                .doesNotContain("dBjftJeZ4CVP")
                .doesNotContain("n-0S6_WzA2Mj")
                .contains("code_verifier")
                .contains("gh-client");
    }
}
