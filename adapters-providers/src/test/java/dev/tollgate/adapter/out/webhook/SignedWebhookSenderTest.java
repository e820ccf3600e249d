package dev.tollgate.adapter.out.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.application.notification.port.out.NotificationEvent;
import dev.tollgate.application.notification.port.out.WebhookPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignedWebhookSenderTest {
    private static final byte[] SECRET = "whsec_test-secret".getBytes(StandardCharsets.US_ASCII);

    private static NotificationEvent event() {
        return new NotificationEvent(
                "evt_1",
                NotificationEvent.CHANNEL_DISABLED,
                Instant.ofEpochSecond(1_796_601_600L),
                null,
                Map.of("channelId", "ch_1", "name", "deepseek", "reason", "401"));
    }

    @Test
    void givenInternalMetadataOrMalformedUrls_whenChecked_thenEachIsRefused() {
        // given: loopback allowed by the operator
        SignedWebhookSender sender =
                new SignedWebhookSender(List.of("127.0.0.1", "169.254.169.254"), Duration.ofSeconds(2));
        SignedWebhookSender strict = new SignedWebhookSender(List.of(), Duration.ofSeconds(2));

        // when / then
        assertThat(strict.refusal("http://127.0.0.1:9/hook")).get().asString().contains("internal address");
        assertThat(strict.refusal("http://10.1.2.3/hook")).isPresent();
        assertThat(strict.refusal("http://[::1]/hook")).isPresent();
        assertThat(sender.refusal("http://169.254.169.254/latest/meta-data")).isPresent();
        assertThat(sender.refusal("http://metadata.google.internal/")).isPresent();
        assertThat(sender.refusal("https://user:pw@example.com/hook")).isPresent();
        assertThat(sender.refusal("ftp://example.com/hook")).isPresent();
        assertThat(sender.refusal("not a url")).isPresent();
        assertThat(sender.refusal("http://127.0.0.1:9/hook")).isEmpty();
    }

    @Test
    void givenAnAllowedReceiver_whenAnEventIsDelivered_thenTheSignatureIsTheHmacOfTheExactBody() throws Exception {
        // given
        AtomicReference<byte[]> body = new AtomicReference<>();
        AtomicReference<Map<String, String>> headers = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                body.set(exchange.getRequestBody().readAllBytes());
                headers.set(Map.of(
                        "signature", exchange.getRequestHeaders().getFirst("X-Tollgate-Signature"),
                        "timestamp", exchange.getRequestHeaders().getFirst("X-Tollgate-Timestamp"),
                        "event", exchange.getRequestHeaders().getFirst("X-Tollgate-Event")));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        try {
            SignedWebhookSender sender = new SignedWebhookSender(List.of("127.0.0.1"), Duration.ofSeconds(2));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";

            // when
            sender.deliver(new WebhookPort.Target("wh_1", url, SECRET), event());

            // then
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            assertThat(headers.get().get("signature"))
                    .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(body.get())));
            assertThat(headers.get().get("timestamp")).isEqualTo("1796601600");
            assertThat(headers.get().get("event")).isEqualTo("channel.disabled");
            assertThat(new String(body.get(), StandardCharsets.UTF_8))
                    .startsWith("{\"id\":\"evt_1\",\"type\":\"channel.disabled\",\"timestamp\":1796601600,")
                    .contains("\"channelId\":\"ch_1\"");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givenAReceiverThatAnswers500_whenDelivered_thenTheDeliveryFails() throws Exception {
        // given
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
        try {
            SignedWebhookSender sender = new SignedWebhookSender(List.of("127.0.0.1"), Duration.ofSeconds(2));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

            // when / then
            assertThatThrownBy(() -> sender.deliver(new WebhookPort.Target("wh_2", url, SECRET), event()))
                    .hasMessageContaining("answered 500");
        } finally {
            server.stop(0);
        }
    }
}
