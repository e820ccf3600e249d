package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * G3 Exactly-once settlement per request id; retries and failover never charge twice. A request that failed over
 * twice before a third channel answered is settled once (one stored event, one usage record, one ledger entry, one
 * charge), and handing the same settlement to the journal again — a retried batch — stores and charges nothing more.
 */
class G3ExactlyOnceSettlementTest extends BillingGuaranteeTestBase {
    @Autowired
    RequestEventStore requests;

    @Autowired
    SettlementJournalPort store;

    @Test
    void givenTwoFailingChannelsBeforeAHealthyOne_whenChatting_thenTheRequestIsSettledAndChargedOnce()
            throws Exception {
        try (FakeOpenAiUpstream down = new FakeOpenAiUpstream();
                FakeOpenAiUpstream busy = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given: 1 unit per input and output token; the healthy channel reports 12 + 8 tokens
            down.failWith(503);
            busy.failWith(429);
            healthy.usage(12, 8);
            String model = uniqueModel("g3");
            admin.createChannel("down-" + model, down.baseUrl(), model, 20, 1, Map.of());
            admin.createChannel("busy-" + model, busy.baseUrl(), model, 10, 1, Map.of());
            admin.createChannel("healthy-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode key = admin.createToken(Map.of("name", "g3", "quota", 100_000));

            // when
            HttpResponse<String> r = chat(key.get("key").asText(), model, null);

            // then: three attempts, one settlement
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(down.received()).hasSize(1);
            assertThat(busy.received()).hasSize(1);
            assertThat(healthy.received()).hasSize(1);
            JsonNode usage = usage(key);
            assertThat(usage.get("total").asLong()).isEqualTo(1);
            JsonNode record = usage.get("items").get(0);
            assertThat(record.get("attempts").asInt()).isEqualTo(3);
            assertThat(record.get("cost").asLong()).isEqualTo(20);
            String requestId = record.get("requestId").asText();
            assertThat(storedSettlements(requestId)).isEqualTo(1);
            assertThat(token(key).get("usedQuota").asLong()).isEqualTo(20);
            JsonNode ledger = ledgerEntries("tokenId=" + key.get("id").asText() + "&kind=settlement", 1);
            assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(1);
            assertThat(ledger.get("entries").get(0).get("reference").asText()).isEqualTo(requestId);
            assertThat(ledger.get("entries").get(0).get("amount").asLong()).isEqualTo(-20);

            // when: the same settlement is handed over again, alone and twice in one batch (a retried batch)
            RequestSettledEvent settled = requests.store()
                    .readEvents(requestId)
                    .asStream()
                    .map(m -> m.getPayload())
                    .filter(RequestSettledEvent.class::isInstance)
                    .map(RequestSettledEvent.class::cast)
                    .findFirst()
                    .orElseThrow();
            journal.record(settled);
            flushed();
            int storedAgain = store.append(List.of(settled, settled));

            // then: nothing more is stored or charged
            assertThat(storedAgain).isZero();
            assertThat(storedSettlements(requestId)).isEqualTo(1);
            assertThat(usage(key).get("total").asLong()).isEqualTo(1);
            assertThat(token(key).get("usedQuota").asLong()).isEqualTo(20);
            assertThat(ledgerEntries("tokenId=" + key.get("id").asText() + "&kind=settlement", 1)
                            .get("totals")
                            .get("taken")
                            .asLong())
                    .isEqualTo(20);
            assertNoDrift(key.get("id").asText());
        }
    }

    @Test
    void givenManyRequestsOnOneKey_thenEachRequestIdIsSettledExactlyOnce() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            upstream.usage(12, 8);
            String model = model("g3-many", upstream, 1_000_000, 1_000_000);
            JsonNode key = admin.createToken(Map.of("name", "g3-many", "quota", 100_000));

            // when
            for (int i = 0; i < 20; i++) {
                assertThat(chat(key.get("key").asText(), model, null).statusCode())
                        .isEqualTo(200);
            }

            // then: twenty distinct request ids, one stored settlement each, twenty charges of 20
            JsonNode usage = usage(key);
            assertThat(usage.get("total").asLong()).isEqualTo(20);
            Set<String> ids = new HashSet<>();
            for (JsonNode u : usage.get("items")) {
                ids.add(u.get("requestId").asText());
                assertThat(storedSettlements(u.get("requestId").asText())).isEqualTo(1);
            }
            assertThat(ids).hasSize(20);
            assertThat(token(key).get("usedQuota").asLong()).isEqualTo(400);
        }
    }
}
