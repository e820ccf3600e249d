package dev.tollgate.adapter.out.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
import dev.tollgate.domain.channel.ProxyUrl;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tunnel through an outbound proxy is the connection that leaves the host: it has TCP keep-alive on. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProxyTunnelKeepAliveTest {
    @Test
    void givenASocks5Proxy_whenATunnelIsOpened_thenItsSocketProbesAnIdlePeer() throws Exception {
        // given
        try (ScriptedHttpServer upstream = new ScriptedHttpServer((r, out) -> ScriptedHttpServer.json(out, 200, "{}"));
                RecordingProxy proxy = new RecordingProxy(RecordingProxy.Kind.SOCKS5, "bob", "secret")) {
            ProxyUrl url = ProxyUrl.parse("socks5://bob:secret@127.0.0.1:" + proxy.port());

            // when
            try (Socket tunnel = ProxyHandshake.open(url, "127.0.0.1", upstream.port(), Duration.ofSeconds(2))) {

                // then
                assertThat(tunnel.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
                if (tunnel.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                    assertThat(tunnel.getOption(ExtendedSocketOptions.TCP_KEEPIDLE))
                            .isEqualTo(15);
                    assertThat(tunnel.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL))
                            .isEqualTo(5);
                    assertThat(tunnel.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT))
                            .isEqualTo(3);
                }
            }
        }
    }
}
