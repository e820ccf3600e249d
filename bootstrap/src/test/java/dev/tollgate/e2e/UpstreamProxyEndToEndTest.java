package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outbound proxies through the admin API and the relay: a channel's own SOCKS5 proxy and the installation's HTTP
 * CONNECT proxy (real proxies on 127.0.0.1 that record what passed through them), credentials never shown nor stored
 * in the event log, platform admins only, bad input refused with problem+json.
 */
class UpstreamProxyEndToEndTest extends EndToEndTestBase {
    private static final String PROXY_PASSWORD = "proxy-secret-" + java.util.UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcTemplate jdbc;

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String url(String scheme, RecordingProxy proxy) {
        return scheme + "://ops:" + URLEncoder.encode(PROXY_PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:"
                + proxy.port();
    }

    @Test
    void givenAChannelWithItsOwnSocks5Proxy_whenChatting_thenTheCallGoesThroughItUntilItIsRemoved() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream();
                RecordingProxy proxy = new RecordingProxy(RecordingProxy.Kind.SOCKS5, "ops", PROXY_PASSWORD)) {
            // given
            String model = uniqueModel("socks");
            String channelId = admin.createChannel("socks-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000, 1_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            AdminApi.Reply set =
                    admin.put("/api/v1/channels/" + channelId + "/proxy", Map.of("url", url("socks5", proxy)));
            HttpResponse<String> proxied = chat(key, model);

            // then
            assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
            assertThat(set.raw().body()).doesNotContain(PROXY_PASSWORD).doesNotContain("ops");
            assertThat(set.json().get("scheme").asText()).isEqualTo("socks5");
            assertThat(set.json().get("port").asInt()).isEqualTo(proxy.port());
            assertThat(set.json().get("authenticated").asBoolean()).isTrue();
            AdminApi.Reply read = admin.get("/api/v1/channels/" + channelId + "/proxy");
            assertThat(read.json().get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(read.raw().body()).doesNotContain(PROXY_PASSWORD);
            assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
            assertThat(proxied.body()).contains(FakeOpenAiUpstream.REPLY);
            String target = URI.create(upstream.baseUrl()).getHost() + ":"
                    + URI.create(upstream.baseUrl()).getPort();
            assertThat(proxy.tunnels())
                    .containsExactly(new RecordingProxy.Tunnel(target, "ops:" + PROXY_PASSWORD, true));
            assertThat(proxy.trafficToUpstream()).contains("Bearer sk-upstream-socks-" + model);
            assertThat(upstream.received()).hasSize(1);
            Awaitility.await("the proxy change in the audit log")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> admin.get("/api/v1/audit-log?action=proxy.set&targetId=" + channelId)
                                    .json()
                                    .get("total")
                                    .asLong()
                            == 1);
            AdminApi.Reply audit = admin.get("/api/v1/audit-log?action=proxy.set&targetId=" + channelId);
            assertThat(audit.json().at("/items/0/details").asText())
                    .isEqualTo("socks5://127.0.0.1:" + proxy.port() + " with credentials");
            assertThat(audit.raw().body()).doesNotContain(PROXY_PASSWORD);

            // when: the proxy is removed
            assertThat(admin.delete("/api/v1/channels/" + channelId + "/proxy").status())
                    .isEqualTo(204);
            HttpResponse<String> direct = chat(key, model);

            // then
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(proxy.tunnels()).hasSize(1);
            assertThat(upstream.received()).hasSize(2);
            assertThat(admin.get("/api/v1/channels/" + channelId + "/proxy").status())
                    .isEqualTo(204);
        }
    }

    @Test
    void givenTheInstallationsHttpConnectProxy_whenChattingOnAnyChannel_thenTheCallsGoThroughIt() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream();
                RecordingProxy proxy = new RecordingProxy(RecordingProxy.Kind.HTTP_CONNECT, "ops", PROXY_PASSWORD)) {
            // given
            String model = uniqueModel("connect");
            admin.createChannel("connect-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000, 1_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();
            AdminApi.Reply set = admin.put("/api/v1/settings/proxy", Map.of("url", url("http", proxy)));
            assertThat(set.status()).as(set.raw().body()).isEqualTo(200);

            // when
            HttpResponse<String> r = chat(key, model);

            // then
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(proxy.tunnels()).hasSize(1);
            assertThat(proxy.tunnels().getFirst().credentials()).isEqualTo("ops:" + PROXY_PASSWORD);
            assertThat(admin.get("/api/v1/settings/proxy").json().get("scheme").asText())
                    .isEqualTo("http");
            List<String> stored = jdbc.queryForList(
                    "select convert_from(payload, 'UTF8') from domain_event_entry "
                            + "where payload_type like '%UpstreamProxy%'",
                    String.class);
            assertThat(stored).isNotEmpty().noneMatch(p -> p.contains(PROXY_PASSWORD));
        } finally {
            assertThat(admin.delete("/api/v1/settings/proxy").status()).isEqualTo(204);
        }
    }

    @Test
    void givenBadInputOrAnOrdinaryUser_whenSettingAProxy_thenRefusedAndNothingChanges() {
        // given
        String model = uniqueModel("proxy-bad");
        String channelId = admin.createChannel("bad-" + model, "http://127.0.0.1:9", model, 0, 1, Map.of());
        String name = uniqueModel("proxy-user");
        String password = "proxy-user-pass-" + java.util.UUID.randomUUID();
        assertThat(admin.post("/api/v1/users", Map.of("username", name, "password", password))
                        .status())
                .isEqualTo(201);
        AdminApi user = new AdminApi(port).loginAs(name, password);

        // when
        AdminApi.Reply badScheme =
                admin.put("/api/v1/channels/" + channelId + "/proxy", Map.of("url", "socks4://127.0.0.1:1080"));
        AdminApi.Reply noUrl = admin.put("/api/v1/settings/proxy", Map.of("address", "127.0.0.1"));
        AdminApi.Reply unknownChannel =
                admin.put("/api/v1/channels/no-such-channel/proxy", Map.of("url", "socks5://127.0.0.1:1080"));
        AdminApi.Reply byUser = user.put("/api/v1/settings/proxy", Map.of("url", "not even a url"));
        AdminApi.Reply userOnChannel =
                user.put("/api/v1/channels/" + channelId + "/proxy", Map.of("url", "socks5://127.0.0.1:1080"));

        // then
        assertThat(badScheme.status()).isEqualTo(400);
        assertThat(badScheme.raw().headers().firstValue("Content-Type").orElse(""))
                .contains("application/problem+json");
        assertThat(badScheme.json().get("field").asText()).isEqualTo("url");
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(unknownChannel.status()).isEqualTo(404);
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(userOnChannel.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/channels/" + channelId + "/proxy").status())
                .isEqualTo(204);
        assertThat(admin.get("/api/v1/settings/proxy").status()).isEqualTo(204);
    }
}
