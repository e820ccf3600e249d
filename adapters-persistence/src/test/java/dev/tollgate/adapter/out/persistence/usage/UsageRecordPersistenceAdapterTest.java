package dev.tollgate.adapter.out.persistence.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(EmbeddedPostgresSupport.class)
class UsageRecordPersistenceAdapterTest {
    private final JdbcTemplate jdbc = EmbeddedPostgresSupport.jdbc();
    private final UsageRecordWriter writer = new UsageRecordWriter(jdbc);
    private final UsageRecordPersistenceAdapter records = new UsageRecordPersistenceAdapter(jdbc);
    private final String owner = "owner-" + UUID.randomUUID();

    private RequestSettledEvent settled(String token, String model, long cost, String at) {
        return new RequestSettledEvent("req-" + UUID.randomUUID(), token, owner, model, model, "ch-1", 10, 5, cost, 30,
                200, "succeeded", false, Instant.parse(at));
    }

    @Test
    void givenSettledRequests_whenProjectedTwice_thenOneRowEachAndTheyReadBackNewestFirst() {
        // given
        RequestSettledEvent first = settled("t1", "gpt-4o-mini", 20, "2026-03-01T10:00:00Z");
        RequestSettledEvent second = settled("t1", "deepseek-chat", 30, "2026-03-02T10:00:00Z");

        // when: a replay hands the same events over again
        for (RequestSettledEvent e : List.of(first, second, first, second)) {
            writer.insert(List.of(e));
        }
        List<UsageRecordView> read = records.find(new UsageFilter(owner, null, null, null, null), 0, 10);

        // then
        assertThat(read).extracting(UsageRecordView::requestId).containsExactly(second.requestId(), first.requestId());
        assertThat(read.getFirst().cost()).isEqualTo(30);
        assertThat(read.getFirst().at()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void givenRecordsOfSeveralKeysModelsAndDays_whenFilteredAndSummarised_thenTotalsAddUp() {
        // given
        writer.insert(List.of(settled("t1", "gpt-4o-mini", 20, "2026-03-01T10:00:00Z"),
                settled("t1", "gpt-4o-mini", 25, "2026-03-01T23:59:59Z"),
                settled("t2", "deepseek-chat", 30, "2026-03-02T00:00:00Z")));
        UsageFilter all = new UsageFilter(owner, null, null, null, null);

        // when
        UsageTotals totals = records.totals(all);
        UsageTotals onlyT2 = records.totals(new UsageFilter(owner, "t2", null, null, null));
        UsageTotals firstDay = records.totals(new UsageFilter(owner, null, null, Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z")));
        List<UsageTotals> byDay = records.summary(all, UsageGrouping.DAY);
        List<UsageTotals> byModel = records.summary(all, UsageGrouping.MODEL);

        // then
        assertThat(totals).isEqualTo(new UsageTotals(null, 3, 30, 15, 75));
        assertThat(onlyT2.cost()).isEqualTo(30);
        assertThat(firstDay.requests()).isEqualTo(2);
        assertThat(byDay).containsExactly(new UsageTotals("2026-03-01", 2, 20, 10, 45),
                new UsageTotals("2026-03-02", 1, 10, 5, 30));
        assertThat(byModel.getFirst()).isEqualTo(new UsageTotals("gpt-4o-mini", 2, 20, 10, 45));
    }
}
