package dev.tollgate.adapter.out.provider.proxy;

import static dev.tollgate.adapter.out.provider.ScriptedHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
import dev.tollgate.adapter.out.provider.openai.OpenAiChatUpstream;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ProxyUrl;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Upstream calls through real outbound proxies listening on 127.0.0.1 (an HTTP CONNECT proxy and a SOCKS5 proxy
 * written for the test, both recording what passed through them), to a real loopback upstream.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProxiedUpstreamTest {
    private static final String KEY = "sk-upstream-secret-key-42";
    private static final String PASSWORD = "pr0xy-pa$$word:with@signs";
    private static final String COMPLETION = """
            {"id":"c1","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"message":\
            {"role":"assistant","content":"Hello through the proxy"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}""";
    private static final String BODY =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private static UpstreamChatRequest request(String baseUrl, ProxyUrl proxy, boolean stream) {
        return new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget("ch-1", "openai", baseUrl, KEY, null, proxy),
                BODY.getBytes(StandardCharsets.UTF_8),
                "gpt-4o-mini",
                "gpt-4o-mini",
                stream,
                false,
                null,
                Duration.ofSeconds(5));
    }

    private static String encoded(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void givenAnHttpConnectProxyWithCredentials_whenSending_thenTheCallGoesThroughItsTunnelWithBasicAuth()
            throws Exception {
        // given
        ScriptedHttpServer upstreamServer = closing(new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION)));
        RecordingProxy proxy = closing(new RecordingProxy(RecordingProxy.Kind.HTTP_CONNECT, "alice", PASSWORD));
        ProxyUrl url = ProxyUrl.parse("http://alice:" + encoded(PASSWORD) + "@127.0.0.1:" + proxy.port());
        OpenAiChatUpstream upstream =
                new OpenAiChatUpstream(new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 65_536));

        // when
        CompletedChat chat;
        try (UpstreamChatResponse response = upstream.send(request(upstreamServer.baseUrl(), url, false))) {
            chat = response.completed();
        }

        // then
        assertThat(chat.text()).isEqualTo("Hello through the proxy");
        assertThat(proxy.tunnels())
                .containsExactly(
                        new RecordingProxy.Tunnel("127.0.0.1:" + upstreamServer.port(), "alice:" + PASSWORD, true));
        assertThat(proxy.trafficToUpstream()).contains("Bearer " + KEY).contains(BODY);
        assertThat(upstreamServer.received()).hasSize(1);
        assertThat(upstreamServer.received().getFirst().path()).endsWith("/v1/chat/completions");
        assertThat(upstreamServer.received().getFirst().headers().get("authorization"))
                .isEqualTo("Bearer " + KEY);
        assertThat(upstreamServer.received().getFirst().headers()).doesNotContainKey("proxy-authorization");
    }

    @Test
    void givenASocks5ProxyWithCredentials_whenStreaming_thenTheStreamComesThroughItsTunnel() throws Exception {
        // given: the blocking transport is configured, but a proxied channel always takes the JDK client
        ScriptedHttpServer upstreamServer = closing(ScriptedHttpServer.answering(r -> ScriptedHttpServer.Answer.sse(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n",
                "data: [DONE]\n\n")));
        RecordingProxy proxy = closing(new RecordingProxy(RecordingProxy.Kind.SOCKS5, "bob", PASSWORD));
        ProxyUrl url = ProxyUrl.parse("socks5://bob:" + encoded(PASSWORD) + "@127.0.0.1:" + proxy.port());
        OpenAiChatUpstream upstream = new OpenAiChatUpstream(
                new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 65_536, true));

        // when
        StringBuilder text = new StringBuilder();
        try (UpstreamChatResponse response = upstream.send(request(upstreamServer.baseUrl(), url, true))) {
            assertThat(response.status()).isEqualTo(200);
            StreamChunk chunk;
            while ((chunk = response.nextChunk()) != null) {
                text.append(chunk.text());
            }
        }

        // then
        assertThat(text.toString()).isEqualTo("Hello");
        assertThat(proxy.tunnels())
                .containsExactly(
                        new RecordingProxy.Tunnel("127.0.0.1:" + upstreamServer.port(), "bob:" + PASSWORD, true));
        assertThat(proxy.trafficToUpstream()).contains("POST ").contains("Bearer " + KEY);
        assertThat(proxy.bytesDown.get()).isPositive();
    }

    @Test
    void givenWrongProxyCredentials_whenSending_thenAConnectFailureThatNeverQuotesThePassword() throws Exception {
        for (RecordingProxy.Kind kind : RecordingProxy.Kind.values()) {
            // given
            ScriptedHttpServer upstreamServer = closing(new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION)));
            RecordingProxy proxy = closing(new RecordingProxy(kind, "carol", "the-right-one"));
            String wrong = "wrong-secret-314159";
            ProxyUrl url = ProxyUrl.parse((kind == RecordingProxy.Kind.SOCKS5 ? "socks5" : "http") + "://carol:" + wrong
                    + "@127.0.0.1:" + proxy.port());
            OpenAiChatUpstream upstream = new OpenAiChatUpstream(
                    new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 65_536));

            // when / then
            assertThatThrownBy(() -> upstream.send(request(upstreamServer.baseUrl(), url, false)))
                    .as(kind.name())
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT);
                        assertThat(e.getMessage()).doesNotContain(wrong);
                    });
            assertThat(proxy.tunnels()).as(kind.name()).hasSize(1);
            assertThat(proxy.tunnels().getFirst().opened()).isFalse();
            assertThat(upstreamServer.received()).as(kind.name()).isEmpty();
        }
    }

    @Test
    void givenAProxyThatIsDown_whenSending_thenAConnectFailureOfTheChannel() throws Exception {
        // given: a port nothing listens on
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ScriptedHttpServer upstreamServer = closing(new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION)));
        OpenAiChatUpstream upstream =
                new OpenAiChatUpstream(new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 65_536));

        // when / then
        assertThatThrownBy(() -> upstream.send(
                        request(upstreamServer.baseUrl(), ProxyUrl.parse("socks5://127.0.0.1:" + closedPort), false)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT));
        assertThat(upstreamServer.received()).isEmpty();
    }

    @Test
    void givenAForwarderForOneUpstream_whenAskedToConnectElsewhere_thenRefusedWithoutTouchingTheProxy()
            throws Exception {
        // given
        RecordingProxy proxy = closing(new RecordingProxy(RecordingProxy.Kind.SOCKS5, null, null));
        ProxyForwarder forwarder = closing(new ProxyForwarder(
                ProxyUrl.parse("socks5://127.0.0.1:" + proxy.port()), "127.0.0.1", 9, Duration.ofSeconds(2)));

        // when
        String answer;
        try (Socket socket =
                new Socket(forwarder.address().getAddress(), forwarder.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }

        // then
        assertThat(answer).startsWith("HTTP/1.1 403");
        assertThat(proxy.tunnels()).isEmpty();
    }
}
