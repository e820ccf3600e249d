package dev.tollgate.adapter.out.provider.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard of private channels' base URLs, with a fixed resolver (no real lookups). */
class PrivateChannelAddressGuardTest {
    private static final Map<String, String> DNS = Map.of(
            "public.example.com", "93.184.215.14",
            "sneaky.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "local.example.com", "10.1.2.3");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private static PrivateChannelAddressGuard guard(String... exempt) {
        return new PrivateChannelAddressGuard(PrivateChannelAddressGuardTest::resolve, List.of(exempt));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/v1",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080",
                "https://127.0.0.1",
                "http://sneaky.example.com:11434/v1",
                "http://metadata.example.com",
                "https://local.example.com",
                "http://[fd00::1]",
                "http://[::ffff:10.0.0.1]",
                "http://100.64.0.1",
                "http://224.0.0.1",
                "http://0.0.0.0:80",
                "http://192.168.1.1",
                "http://2130706433",
                "http://unknown.example.com"
            })
    void givenAnEmptyAllowList_whenTheHostIsOrResolvesToAnInternalAddress_thenTheUrlIsRefused(String url) {
        // when
        Optional<String> refusal = guard().refusal(url);

        // then
        assertThat(refusal).as(url).isPresent();
        assertThat(refusal.orElseThrow()).doesNotContain("127.0.0.1:").contains("base URL");
    }

    @Test
    void givenAPublicHost_whenChecked_thenAllowed() {
        assertThat(guard().refusal("https://public.example.com/v1")).isEmpty();
        assertThat(guard().refusal("https://8.8.8.8")).isEmpty();
    }

    @Test
    void givenExemptHosts_whenTheyAreWrittenAsListed_thenAllowed_butANameIsNotExemptedByItsAddress() {
        // given
        PrivateChannelAddressGuard guard = guard("127.0.0.1", "::1", "Ollama.Internal");

        // when / then
        assertThat(guard.refusal("http://127.0.0.1:11434/v1")).isEmpty();
        assertThat(guard.refusal("http://[::1]:8080")).isEmpty();
        assertThat(guard.refusal("http://ollama.internal:11434")).isEmpty();
        assertThat(guard.refusal("http://sneaky.example.com")).isPresent();
        assertThat(guard.refusal("http://10.0.0.1")).isPresent();
    }

    @Test
    void givenAPrivateChannelWithAnInternalUrl_whenCalled_thenItFailsAsAConnectFailureAndNothingIsSent() {
        // given
        AtomicInteger sent = new AtomicInteger();
        ChatUpstreamPort delegate = request -> {
            sent.incrementAndGet();
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "should not be reached", null);
        };
        ChatUpstreamPort guarded = guard().guard(delegate, "private-1"::equals);

        // when / then
        assertThatThrownBy(() -> guarded.send(request("private-1", "http://sneaky.example.com/v1")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT);
                    assertThat(e.getMessage())
                            .contains("private channel private-1 not called")
                            .contains("sneaky.example.com");
                });
        assertThat(sent).hasValue(0);
    }

    @Test
    void givenAPlatformChannelWithALoopbackUrl_whenCalled_thenItIsNotChecked() throws Exception {
        // given
        AtomicInteger sent = new AtomicInteger();
        ChatUpstreamPort delegate = request -> {
            sent.incrementAndGet();
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "reached", null);
        };
        ChatUpstreamPort guarded = guard().guard(delegate, "private-1"::equals);

        // when / then
        assertThatThrownBy(() -> guarded.send(request("platform-1", "http://127.0.0.1:1/v1")))
                .hasMessage("reached");
        assertThat(sent).hasValue(1);
    }

    @Test
    void givenAPrivateChannelWithAnInternalUrl_whenItsBalanceIsRead_thenRefusedBeforeAnyCall() {
        // given
        AtomicInteger asked = new AtomicInteger();
        UpstreamBalancePort delegate = target -> {
            asked.incrementAndGet();
            return Optional.empty();
        };
        UpstreamBalancePort guarded = guard().guard(delegate, id -> true);

        // when / then
        assertThatThrownBy(() ->
                        guarded.fetch(new UpstreamTarget("private-1", "openai", "http://10.0.0.1", "sk-x", Map.of())))
                .isInstanceOf(UpstreamException.class);
        assertThat(asked).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data",
                "http://[fd00:ec2::254]/latest",
                "http://metadata.google.internal/computeMetadata/v1",
                "http://METADATA.Google.Internal./x",
                "http://metadata.example.com",
                "http://[::ffff:169.254.169.254]",
                "http://100.100.100.200/latest",
                "http://[fe80::1]:8080",
                "http://169.254.1.1"
            })
    void givenACloudMetadataOrLinkLocalHost_whenCheckedForAPlatformChannelOrExemptedByTheOperator_thenRefused(
            String url) {
        // given: the operator exempted every one of these hosts for private channels
        PrivateChannelAddressGuard guard = guard(
                "169.254.169.254",
                "fd00:ec2::254",
                "metadata.google.internal",
                "metadata.example.com",
                "100.100.100.200",
                "fe80::1",
                "169.254.1.1");

        // when
        Optional<String> exempted = guard.refusal(url);

        // then
        assertThat(exempted).as(url).isPresent();
        assertThat(exempted.orElseThrow()).contains("metadata");
        if (!url.contains("metadata.example.com")) {
            // saving a platform channel looks nothing up: names and literals only
            assertThat(guard.platformRefusal(url)).as(url).isPresent();
        }
    }

    @Test
    void givenLoopbackPrivateOrUnresolvableHosts_whenCheckedForAPlatformChannel_thenAllowed() {
        for (String url : List.of(
                "http://127.0.0.1:11434/v1",
                "http://10.1.2.3",
                "http://local.example.com",
                "http://[::1]:8080",
                "https://public.example.com",
                "http://unknown.example.com",
                "http://metadata.example.com")) {
            assertThat(guard().platformRefusal(url)).as(url).isEmpty();
        }
    }

    @Test
    void givenAPlatformChannelWhoseHostNowResolvesToTheMetadataService_whenCalled_thenNothingIsSent() {
        // given
        AtomicInteger sent = new AtomicInteger();
        ChatUpstreamPort delegate = request -> {
            sent.incrementAndGet();
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "should not be reached", null);
        };
        ChatUpstreamPort guarded = guard().guard(delegate, "private-1"::equals);

        // when / then
        assertThatThrownBy(() -> guarded.send(request("platform-1", "http://metadata.example.com/v1")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT);
                    assertThat(e.getMessage()).contains("channel platform-1 not called");
                });
        assertThat(sent).hasValue(0);
    }

    @Test
    void givenAPublicHostWrittenInMixedCaseOrWithATrailingDot_whenCheckedForAPrivateChannel_thenRefused() {
        // given: the check must resolve the very name the HTTP client resolves, and share its cached answer
        PrivateChannelAddressGuard guard = guard();

        // when / then
        assertThat(guard.refusal("https://Public.Example.com/v1"))
                .get()
                .asString()
                .contains("lower case");
        assertThat(guard.refusal("https://public.example.com./v1"))
                .get()
                .asString()
                .contains("trailing dot");
        assertThat(guard.refusal("https://public.example.com/v1")).isEmpty();
    }

    private static UpstreamChatRequest request(String channelId, String baseUrl) {
        return new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget(channelId, "openai", baseUrl, "sk-x", Map.of()),
                "{}".getBytes(StandardCharsets.UTF_8),
                "m",
                "m",
                false,
                false,
                null,
                Duration.ofSeconds(1));
    }
}
