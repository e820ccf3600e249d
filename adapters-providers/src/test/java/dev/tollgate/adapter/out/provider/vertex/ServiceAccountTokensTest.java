package dev.tollgate.adapter.out.provider.vertex;

import static dev.tollgate.adapter.out.provider.vertex.ServiceAccountFixture.CLIENT_EMAIL;
import static dev.tollgate.adapter.out.provider.vertex.ServiceAccountFixture.KEY_ID;
import static dev.tollgate.adapter.out.provider.vertex.ServiceAccountFixture.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Answer;
import dev.tollgate.adapter.out.provider.vertex.ServiceAccountFixture.Jwt;
import dev.tollgate.adapter.out.provider.vertex.ServiceAccountFixture.MovableClock;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServiceAccountTokensTest {
    private static final Instant START = Instant.parse("2025-10-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MovableClock clock = new MovableClock(START);
    private final ServiceAccountTokens tokens = new ServiceAccountTokens(HttpClient.newHttpClient(), clock);
    private final AtomicInteger issued = new AtomicInteger();
    private ScriptedHttpServer tokenServer;

    @AfterEach
    void tearDown() {
        if (tokenServer != null) {
            tokenServer.close();
        }
    }

    /** A token endpoint answering tok-1, tok-2, ... valid for {@code expiresIn} seconds. */
    private String startTokenServer(long expiresIn) throws Exception {
        tokenServer = ScriptedHttpServer.answering(
                r -> Answer.json(200, ServiceAccountFixture.tokenAnswer("tok-" + issued.incrementAndGet(), expiresIn)));
        return tokenServer.baseUrl() + "/token";
    }

    @Test
    void givenAServiceAccountKey_whenAskingForAToken_thenAJwtBearerGrantSignedWithTheKeyIsExchanged() throws Exception {
        // given
        String tokenUri = startTokenServer(3599);
        ServiceAccountTokens.ServiceAccountKey key = tokens.key(ServiceAccountFixture.keyJson(tokenUri));

        // when
        String token = tokens.accessToken(key, WAIT);

        // then
        assertThat(token).isEqualTo("tok-1");
        assertThat(key.clientEmail()).isEqualTo(CLIENT_EMAIL);
        assertThat(key.projectId()).isEqualTo(PROJECT);
        ScriptedHttpServer.Received sent = tokenServer.received().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/token");
        assertThat(sent.headers().get("content-type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> form = ServiceAccountFixture.form(sent.bodyText());
        assertThat(form).containsOnlyKeys("grant_type", "assertion");
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        Jwt jwt = ServiceAccountFixture.verify(form.get("assertion"));
        assertThat(jwt.header().path("alg").asText()).isEqualTo("RS256");
        assertThat(jwt.header().path("typ").asText()).isEqualTo("JWT");
        assertThat(jwt.header().path("kid").asText()).isEqualTo(KEY_ID);
        assertThat(jwt.claims().path("iss").asText()).isEqualTo(CLIENT_EMAIL);
        assertThat(jwt.claims().path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
        assertThat(jwt.claims().path("aud").asText()).isEqualTo(tokenUri);
        long iat = jwt.claims().path("iat").asLong();
        long exp = jwt.claims().path("exp").asLong();
        assertThat(iat).isEqualTo(START.getEpochSecond());
        assertThat(exp).isGreaterThan(iat).isLessThanOrEqualTo(iat + 3600);
    }

    @Test
    void givenACachedToken_whenAskingAgainBeforeTheLastMinute_thenNoNewTokenIsRequested() throws Exception {
        // given
        ServiceAccountTokens.ServiceAccountKey key = tokens.key(ServiceAccountFixture.keyJson(startTokenServer(3600)));
        assertThat(tokens.accessToken(key, WAIT)).isEqualTo("tok-1");

        // when
        clock.advance(Duration.ofSeconds(3600 - 61));
        String again = tokens.accessToken(key, WAIT);

        // then
        assertThat(again).isEqualTo("tok-1");
        assertThat(tokenServer.received()).hasSize(1);
    }

    @Test
    void givenATokenInItsLastMinute_whenAskingAgain_thenANewTokenIsRequestedAndCached() throws Exception {
        // given
        ServiceAccountTokens.ServiceAccountKey key = tokens.key(ServiceAccountFixture.keyJson(startTokenServer(3600)));
        assertThat(tokens.accessToken(key, WAIT)).isEqualTo("tok-1");

        // when
        clock.advance(Duration.ofSeconds(3600 - 60));
        String renewed = tokens.accessToken(key, WAIT);
        String cached = tokens.accessToken(key, WAIT);

        // then
        assertThat(renewed).isEqualTo("tok-2");
        assertThat(cached).isEqualTo("tok-2");
        assertThat(tokenServer.received()).hasSize(2);
        Jwt second = ServiceAccountFixture.verify(
                ServiceAccountFixture.form(tokenServer.received().get(1).bodyText())
                        .get("assertion"));
        assertThat(second.claims().path("iat").asLong()).isEqualTo(START.getEpochSecond() + 3540);
    }

    @Test
    void givenManyCallersAtOnce_whenAskingForATokenOfOneAccount_thenOneRefreshServesThemAll() throws Exception {
        // given: a slow token endpoint
        CountDownLatch go = new CountDownLatch(1);
        tokenServer = ScriptedHttpServer.answering(r -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.json(200, ServiceAccountFixture.tokenAnswer("tok-" + issued.incrementAndGet(), 3600));
        });
        ServiceAccountTokens.ServiceAccountKey key =
                tokens.key(ServiceAccountFixture.keyJson(tokenServer.baseUrl() + "/token"));

        // when
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return tokens.accessToken(key, WAIT);
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                // then
                assertThat(result.get()).isEqualTo("tok-1");
            }
        }
        assertThat(tokenServer.received()).hasSize(1);
    }

    @Test
    void givenATokenEndpointThatRefuses_whenAskingForAToken_thenBrokenWithTheStatusAndNoSecret() throws Exception {
        // given
        tokenServer = ScriptedHttpServer.answering(r ->
                Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
        String keyJson = ServiceAccountFixture.keyJson(tokenServer.baseUrl() + "/token");
        ServiceAccountTokens.ServiceAccountKey key = tokens.key(keyJson);

        // when / then
        assertThatThrownBy(() -> tokens.accessToken(key, WAIT)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
            assertThat(e.getMessage()).isEqualTo("the vertex service account could not be authorized (HTTP 400)");
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    void givenMalformedKeys_whenParsing_thenBrokenNamingTheFieldWithoutItsValue() {
        String good = ServiceAccountFixture.keyJson("https://oauth2.googleapis.com/token");
        String badPem = good.replace("-----BEGIN PRIVATE KEY-----\\n", "-----BEGIN PRIVATE KEY-----\\n!!");

        assertThatThrownBy(() -> tokens.key("sk-not-json-secret"))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).doesNotContain("sk-not-json-secret");
                    assertThat(e.getCause()).isNull();
                });
        assertThatThrownBy(() -> tokens.key("{\"client_email\":\"a@b.c\",\"token_uri\":\"https://x/token\"}"))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.getMessage()).contains("private_key"));
        assertThatThrownBy(() -> tokens.key(badPem)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
            assertThat(e.getMessage()).contains("private_key").doesNotContain("BEGIN");
        });
    }
}
