package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.application.billing.port.out.QuotaSnapshotPort;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.domain.billing.Wallet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * G2 Conservation: the ledger is append-only; balances equal the replay of their events. After a scenario with every
 * kind of wallet change (top-up, adjustment, debit, redemption, paid, failed and clamped requests), the wallet's
 * balance is the sum of its ledger entries (what was minted into it minus what was taken out), a fresh ledger built
 * only from the stored events agrees with the live one, and nothing recorded earlier was changed.
 */
class G2ConservationTest extends BillingGuaranteeTestBase {
    @Autowired
    EventStore eventStore;

    @Autowired
    RequestEventStore requests;

    @Autowired
    QuotaSnapshotPort snapshots;

    /**
     * Replays every stored event into a new in-memory ledger: the configuration and wallet events, then every request
     * event as another process's.
     */
    private QuotaLedger replayed() throws Exception {
        QuotaLedger fresh = new QuotaLedger();
        replay(eventStore, new AnnotationEventHandlerAdapter(fresh));
        replay(requests.store(), new AnnotationEventHandlerAdapter(new ForeignRequestEvents(fresh, "replay")));
        return fresh;
    }

    /** Builds a new in-memory ledger as a restart does: the configuration and wallet events, then the snapshot. */
    private QuotaLedger restarted() throws Exception {
        QuotaLedger fresh = new QuotaLedger();
        replay(eventStore, new AnnotationEventHandlerAdapter(fresh));
        fresh.restore(snapshots.load(YearMonth.now(ZoneOffset.UTC)));
        return fresh;
    }

    private static void replay(EventStore store, AnnotationEventHandlerAdapter handlers) throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(null)) {
            while (events.hasNextAvailable()) {
                TrackedEventMessage<?> event = events.nextAvailable();
                if (handlers.canHandle(event)) {
                    handlers.handle(event);
                }
            }
        }
    }

    private List<String> walletEventIds(String ownerId) {
        List<String> ids = new ArrayList<>();
        eventStore
                .readEvents(Wallet.idOf(ownerId))
                .asStream()
                .map(DomainEventMessage::getIdentifier)
                .forEach(ids::add);
        return ids;
    }

    @Test
    void givenEveryKindOfWalletChange_thenTheBalanceIsTheSumOfItsEntriesAndTheReplayOfItsEvents() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream();
                FakeOpenAiUpstream failing = new FakeOpenAiUpstream()) {
            // given: free input, 1 unit per output token; the fake reports 8 output tokens, the limit asked is 8
            upstream.usage(12, 8);
            String model = model("g2", upstream, 0, 1_000_000);
            failing.failWith(500);
            String broken = model("g2-broken", failing, 1_000_000, 1_000_000);
            User user = newUser("g2");
            credit(user, 10_000, "invoice 1");
            assertThat(admin.post(
                                    user.wallet() + "/credits",
                                    Map.of("amount", 250, "reason", "goodwill", "kind", "adjustment"))
                            .status())
                    .isEqualTo(200);
            assertThat(admin.post(user.wallet() + "/debits", Map.of("amount", 1_000, "reason", "refund"))
                            .status())
                    .isEqualTo(200);
            JsonNode early = ledgerEntries("ownerId=" + user.id(), 3);
            List<String> earlyEvents = walletEventIds(user.id());
            Instant afterEarly = Instant.now();
            // whatever is recorded from here on is dated strictly after afterEarly
            Awaitility.await()
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> Instant.now().isAfter(afterEarly.plusMillis(1)));
            long earlyBalance = admin.get("/api/v1/users/" + user.id() + "/balance?at=" + afterEarly)
                    .json()
                    .get("balance")
                    .asLong();

            String code = admin.post("/api/v1/redemption-batches", Map.of("name", "g2", "count", 1, "value", 500))
                    .json()
                    .get("codes")
                    .get(0)
                    .asText();
            assertThat(user.api()
                            .post("/api/v1/redemptions", Map.of("code", code))
                            .status())
                    .isEqualTo(200);
            JsonNode key = keyOf(user, Map.of("name", "g2", "quota", 1_000_000));
            for (int i = 0; i < 5; i++) {
                assertThat(chat(key.get("key").asText(), model, 8).statusCode()).isEqualTo(200);
            }
            assertThat(chat(key.get("key").asText(), broken, 8).statusCode()).isEqualTo(502);
            upstream.usage(12, 1_000); // more than the 8 output tokens allowed: charged as reserved, not as reported
            assertThat(chat(key.get("key").asText(), model, 8).statusCode()).isEqualTo(200);

            // when
            JsonNode wallet = wallet(user);
            JsonNode ledger = ledgerEntries("ownerId=" + user.id() + "&" + MONEY, 3 + 1 + 6);
            QuotaLedger replay = replayed();
            QuotaLedger restart = restarted();

            // then: 10,000 + 250 − 1,000 + 500 − 5 × 8 − 0 (failed) − 8 (clamped to the reservation) = 9,702
            long balance = wallet.get("balance").asLong();
            assertThat(balance).isEqualTo(9_702);
            assertThat(wallet.get("credited").asLong()
                            - wallet.get("debited").asLong()
                            - wallet.get("used").asLong())
                    .isEqualTo(balance);
            assertThat(wallet.get("reserved").asLong()).isZero();
            // the ledger: minted in − taken out = balance, and the entries themselves add up to it
            JsonNode totals = ledger.get("totals");
            assertThat(totals.get("entries").asLong()).isEqualTo(10);
            assertThat(totals.get("credited").asLong()).isEqualTo(10_750);
            assertThat(totals.get("taken").asLong()).isEqualTo(1_048);
            long sum = 0;
            for (JsonNode e : ledger.get("entries")) {
                sum += e.get("amount").asLong();
            }
            assertThat(sum).isEqualTo(balance);
            assertThat(admin.get("/api/v1/users/" + user.id() + "/balance")
                            .json()
                            .get("balance")
                            .asLong())
                    .isEqualTo(balance);
            // the key's spending is the sum of its usage records
            assertThat(token(key).get("usedQuota").asLong()).isEqualTo(48);
            assertThat(usage(key).get("totals").get("cost").asLong()).isEqualTo(48);
            // a ledger built from nothing but the stored events agrees with the live one
            assertThat(replay.walletFigures(user.id()).balance()).isEqualTo(balance);
            assertThat(replay.walletFigures(user.id()).used())
                    .isEqualTo(wallet.get("used").asLong());
            assertThat(replay.used(key.get("id").asText())).isEqualTo(48);
            // and so does one started from the snapshot, as a restart is
            assertThat(restart.walletFigures(user.id()).balance()).isEqualTo(balance);
            assertThat(restart.used(key.get("id").asText())).isEqualTo(48);
            // append-only: what was recorded earlier is still there unchanged, and the past balance did not move
            List<String> laterEvents = walletEventIds(user.id());
            assertThat(laterEvents).startsWith(earlyEvents.toArray(String[]::new));
            List<String> laterEntries = new ArrayList<>();
            ledger.get("entries").forEach(e -> laterEntries.add(e.toString()));
            early.get("entries").forEach(e -> assertThat(laterEntries).contains(e.toString()));
            assertThat(admin.get("/api/v1/users/" + user.id() + "/balance?at=" + afterEarly)
                            .json()
                            .get("balance")
                            .asLong())
                    .isEqualTo(earlyBalance)
                    .isEqualTo(9_250);
            assertNoDrift(user.id(), key.get("id").asText());
        }
    }
}
