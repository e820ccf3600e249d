package dev.tollgate.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.channel.command.RemoveUpstreamProxyCommand;
import dev.tollgate.domain.channel.command.SetUpstreamProxyCommand;
import dev.tollgate.domain.channel.event.UpstreamProxyRemovedEvent;
import dev.tollgate.domain.channel.event.UpstreamProxySetEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ProxyUrlTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void givenASocks5UrlWithEncodedCredentials_whenParsed_thenTheyAreDecodedAndNeverPrinted() {
        // when
        ProxyUrl proxy = ProxyUrl.parse("socks5://al%40ice:p%3Ass+w@Proxy.Example:1080");

        // then
        assertThat(proxy.scheme()).isEqualTo(ProxyScheme.SOCKS5);
        assertThat(proxy.host()).isEqualTo("proxy.example");
        assertThat(proxy.port()).isEqualTo(1080);
        assertThat(proxy.username()).isEqualTo("al@ice");
        assertThat(proxy.password()).isEqualTo("p:ss+w");
        assertThat(proxy.toString())
                .doesNotContain("al@ice")
                .doesNotContain("p:ss")
                .contains("***@proxy.example:1080");
    }

    @Test
    void givenBadProxyUrls_whenParsed_thenRefusedOnTheUrlFieldWithoutQuotingThem() {
        for (String bad : new String[] {
            "ftp://h:1",
            "socks5://h",
            "http://h:1/path",
            "http://user@h:1",
            "http://h:70000",
            "socks4://h:1080",
            "not a url",
            ""
        }) {
            assertThatThrownBy(() -> ProxyUrl.parse(bad))
                    .as(bad)
                    .isInstanceOf(InvalidValueException.class)
                    .extracting(e -> ((InvalidValueException) e).field())
                    .isEqualTo("url");
        }
        assertThatThrownBy(() -> ProxyUrl.parse("http://u:secret-pw@h")).hasMessageNotContaining("secret-pw");
    }

    @Test
    void givenAProxySet_whenRemovedTwice_thenOneRemovedEvent() {
        // given
        AggregateTestFixture<UpstreamProxyPolicy> fixture = new AggregateTestFixture<>(UpstreamProxyPolicy.class);
        String id = UpstreamProxyPolicy.idOf("ch-1");

        // when / then
        fixture.givenNoPriorActivity()
                .when(new SetUpstreamProxyCommand(
                        id, "ch-1", ProxyScheme.HTTP, "127.0.0.1", 3128, true, "user:root", AT))
                .expectEvents(new UpstreamProxySetEvent(id, "ch-1", "http", "127.0.0.1", 3128, true, "user:root", AT));
        fixture.given(new UpstreamProxySetEvent(id, "ch-1", "http", "127.0.0.1", 3128, true, "user:root", AT))
                .when(new RemoveUpstreamProxyCommand(id, "ch-1", "user:root", AT))
                .expectEvents(new UpstreamProxyRemovedEvent(id, "ch-1", "user:root", AT));
        fixture.given(
                        new UpstreamProxySetEvent(id, "ch-1", "http", "127.0.0.1", 3128, true, "user:root", AT),
                        new UpstreamProxyRemovedEvent(id, "ch-1", "user:root", AT))
                .when(new RemoveUpstreamProxyCommand(id, "ch-1", "user:root", AT))
                .expectNoEvents();
        assertThat(UpstreamProxyPolicy.idOf(null)).isEqualTo(UpstreamProxyPolicy.GLOBAL);
    }
}
