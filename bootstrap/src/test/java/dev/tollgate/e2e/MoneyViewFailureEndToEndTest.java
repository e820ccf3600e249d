package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An event the money views cannot apply (issue 18, item 3: two credits whose sum overflows, written past the API's
 * ceiling) stops their processor loudly — health DOWN and the error gauge at 1 — instead of being skipped. Its own
 * application (the processor stays stopped on the event).
 */
class MoneyViewFailureEndToEndTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private String get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void givenCreditsWhoseSumOverflows_whenTheViewsApplyThem_thenTheProcessorStopsAndHealthIsDown() throws Exception {
        // given
        Path dataDir = TestDatabase.newDataDir();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + dataDir,
                        "--tollgate.root-password=overflow-" + UUID.randomUUID(),
                        "--spring.datasource.url=",
                        "--tollgate.db.url=")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(get(port, "/actuator/health")).startsWith("200");
            EventStore events = app.getBean(EventStore.class);
            String wallet = Wallet.idOf("overflowing-" + UUID.randomUUID());

            // when: two credits of the largest amount, stored as events (the API refuses such amounts)
            for (int sequence = 0; sequence < 2; sequence++) {
                events.publish(new GenericDomainEventMessage<>(
                        "Wallet",
                        wallet,
                        sequence,
                        new WalletCreditedEvent(
                                wallet, Long.MAX_VALUE, "top_up", "overflow", "user:root", Instant.now())));
            }

            // then
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> get(port, "/actuator/health").startsWith("503"));
            assertThat(get(port, "/actuator/health")).contains("DOWN");
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            assertThat(registry.get("tollgate.events.processor.error")
                            .tag("processor", "in-memory-views")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }
}
