package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.adapter.out.provider.fetch.PrivateChannelAddressGuard;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The blocking transport connects only to addresses that passed the channel's address rules at the moment of the
 * connect, whatever the name server answered when the guard checked the base URL before the call (DNS rebinding).
 * The name server is a test resolver; the only server anything may reach is the fake upstream on 127.0.0.1.
 */
class PinnedConnectTest {
    private static final byte[] ANSWER = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":"
                    + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer upstream;
    private final AtomicInteger received = new AtomicInteger();
    /** Lookups of each name so far. */
    private final AtomicInteger lookups = new AtomicInteger();

    PinnedConnectTest() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    /** A name server that answers {@code first} for the first lookup of a name and {@code then} for every later one. */
    private PrivateChannelAddressGuard guard(String first, String then, String... exempt) {
        return new PrivateChannelAddressGuard(
                host -> {
                    if (!host.endsWith(".example.com")) {
                        throw new UnknownHostException(host);
                    }
                    return new InetAddress[] {InetAddress.getByName(lookups.incrementAndGet() == 1 ? first : then)};
                },
                List.of(exempt));
    }

    private static ChatUpstreamPort transport(PrivateChannelAddressGuard guard, Predicate<String> privateChannel) {
        return guard.guard(
                ProviderAdapters.create(new ProviderHttpSettings(
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        65_536,
                        true,
                        guard.connectAddresses(privateChannel))),
                privateChannel);
    }

    private UpstreamChatRequest chat(String channelId, String host) {
        return new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget(
                        channelId,
                        "openai",
                        "http://" + host + ":" + upstream.getAddress().getPort() + "/v1",
                        "sk-channel",
                        Map.of()),
                "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8),
                "m",
                "m",
                false,
                false,
                null,
                Duration.ofSeconds(2));
    }

    @Test
    void givenAPrivateChannelWhoseNameTurnsInternalAfterTheCheck_whenCalled_thenNothingIsSentAnywhere() {
        // given: the check before the call sees a public address, the connect would see loopback
        PrivateChannelAddressGuard guard = guard("93.184.215.14", "127.0.0.1");
        ChatUpstreamPort port = transport(guard, Set.of("private-1")::contains);

        // when / then
        assertThatThrownBy(() -> port.send(chat("private-1", "rebind.example.com")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT);
                    assertThat(e.getMessage())
                            .contains("private channel private-1 not called")
                            .contains("internal address");
                });
        assertThat(lookups)
                .as("checked before the call, and again at the connect")
                .hasValue(2);
        assertThat(received).hasValue(0);
    }

    @Test
    void givenAPlatformChannelWhoseNameTurnsToCloudMetadataAfterTheCheck_whenCalled_thenItIsNotConnected() {
        // given: loopback at the check (allowed for a platform channel), the metadata address at the connect
        PrivateChannelAddressGuard guard = guard("127.0.0.1", "169.254.169.254");
        ChatUpstreamPort port = transport(guard, id -> false);

        // when / then
        assertThatThrownBy(() -> port.send(chat("platform-1", "rebind.example.com")))
                .isInstanceOfSatisfying(
                        UpstreamException.class,
                        e -> assertThat(e.getMessage()).contains("cloud metadata or link-local address"));
        assertThat(received).hasValue(0);
    }

    @Test
    void givenAPlatformChannelOnALoopbackName_whenCalledTwice_thenTheCheckedAddressServesBothOverOneConnection()
            throws Exception {
        // given
        PrivateChannelAddressGuard guard = guard("127.0.0.1", "127.0.0.1");
        ChatUpstreamPort port = transport(guard, id -> false);

        // when
        String first = answer(port.send(chat("platform-1", "local.example.com")));
        String second = answer(port.send(chat("platform-1", "local.example.com")));

        // then: one lookup for the guard's check (cached for a second), one for the one connection
        assertThat(first).contains("\"hi\"");
        assertThat(second).contains("\"hi\"");
        assertThat(received).hasValue(2);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void givenAPrivateChannelOnAnExemptLoopbackName_whenCalled_thenItIsServed() throws Exception {
        // given: the operator allows this host for private channels
        PrivateChannelAddressGuard guard = guard("127.0.0.1", "127.0.0.1", "ollama.example.com");
        ChatUpstreamPort port = transport(guard, Set.of("private-1")::contains);

        // when
        String answer = answer(port.send(chat("private-1", "ollama.example.com")));

        // then
        assertThat(answer).contains("\"hi\"");
        assertThat(received).hasValue(1);
    }

    private static String answer(UpstreamChatResponse response) throws UpstreamException {
        try (response) {
            CompletedChat chat = response.completed();
            return new String(chat.body(), StandardCharsets.UTF_8);
        }
    }
}
