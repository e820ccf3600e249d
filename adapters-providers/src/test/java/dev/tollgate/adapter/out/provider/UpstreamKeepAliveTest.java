package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.provider.net.TcpKeepAlive;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blocking transport's connections to a provider have TCP keep-alive on, with Tollgate's timings. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpstreamKeepAliveTest {
    @Test
    void givenTheBlockingTransport_whenItOpensAConnectionToAnUpstream_thenTheSocketProbesAnIdlePeer() throws Exception {
        // given: a local upstream answering one request, and the transport's sockets recorded as it makes them
        List<Socket> made = new CopyOnWriteArrayList<>();
        BlockingHttp1 http = new BlockingHttp1(() -> {
            Socket socket = new Socket(Proxy.NO_PROXY);
            made.add(socket);
            return socket;
        });
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answerOnce(server));
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");

            // when
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    Duration.ofSeconds(2),
                    System.nanoTime() + Duration.ofSeconds(5).toNanos());

            // then
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(made).hasSize(1);
            Socket socket = made.getFirst();
            assertThat(socket.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(15);
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL))
                        .isEqualTo(5);
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT))
                        .isEqualTo(3);
            }
            response.body().close();
        }
    }

    @Test
    void givenASocketWithoutKeepAliveTimings_whenTurnedOn_thenTheTimingsAreTollgatesOrThePlatformsDefault()
            throws Exception {
        // given
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            // when
            TcpKeepAlive.on(socket);

            // then
            assertThat(socket.getOption(StandardSocketOptions.SO_KEEPALIVE)).isTrue();
            if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE))
                        .isEqualTo((int) TcpKeepAlive.IDLE.toSeconds());
            }
        }
    }

    private static void answerOnce(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder request = new StringBuilder();
            while (!request.toString().contains("\r\n\r\n{}")) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                request.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            s.getOutputStream()
                    .write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                            .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        } catch (IOException ignored) {
            // the test ended
        }
    }
}
