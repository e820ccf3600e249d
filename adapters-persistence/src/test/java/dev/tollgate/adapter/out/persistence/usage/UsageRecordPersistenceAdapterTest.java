package dev.tollgate.adapter.out.persistence.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
        return new RequestSettledEvent(
                "req-" + UUID.randomUUID(),
                token,
                owner,
                model,
                model,
                "ch-1",
                10,
                5,
                cost,
                30,
                200,
                "succeeded",
                false,
                Instant.parse(at));
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
        writer.insert(List.of(
                settled("t1", "gpt-4o-mini", 20, "2026-03-01T10:00:00Z"),
                settled("t1", "gpt-4o-mini", 25, "2026-03-01T23:59:59Z"),
                settled("t2", "deepseek-chat", 30, "2026-03-02T00:00:00Z")));
        UsageFilter all = new UsageFilter(owner, null, null, null, null);

        // when
        UsageTotals totals = records.totals(all);
        UsageTotals onlyT2 = records.totals(new UsageFilter(owner, "t2", null, null, null));
        UsageTotals firstDay = records.totals(new UsageFilter(
                owner, null, null, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")));
        List<UsageTotals> byDay = records.summary(all, UsageGrouping.DAY);
        List<UsageTotals> byModel = records.summary(all, UsageGrouping.MODEL);

        // then
        assertThat(totals).isEqualTo(new UsageTotals(null, 3, 30, 15, 75));
        assertThat(onlyT2.cost()).isEqualTo(30);
        assertThat(firstDay.requests()).isEqualTo(2);
        assertThat(byDay)
                .containsExactly(
                        new UsageTotals("2026-03-01", 2, 20, 10, 45), new UsageTotals("2026-03-02", 1, 10, 5, 30));
        assertThat(byModel.getFirst()).isEqualTo(new UsageTotals("gpt-4o-mini", 2, 20, 10, 45));
    }

    @Test
    void givenABatchRepeatingARequestWithMicroseconds_whenInserted_thenOneRowExactToTheMicroAndTheDayCountsItOnce() {
        // given: one statement per batch; the same request twice in it, and a time with microseconds
        RequestSettledEvent precise = settled("t9", "m-micro", 9, "2026-05-01T10:00:00.123456Z");
        RequestSettledEvent other = settled("t9", "m-micro", 4, "2026-05-01T11:00:00Z");

        // when
        writer.insert(List.of(precise, other, precise));

        // then
        List<UsageRecordView> read = records.find(new UsageFilter(owner, "t9", null, null, null), 0, 10);
        assertThat(read)
                .extracting(UsageRecordView::at)
                .containsExactly(Instant.parse("2026-05-01T11:00:00Z"), Instant.parse("2026-05-01T10:00:00.123456Z"));
        assertThat(jdbc.queryForList(
                        "select requests, cost from usage_daily where owner_id = ? and token_id = 't9'", owner))
                .singleElement()
                .satisfies(row -> {
                    assertThat(((Number) row.get("requests")).longValue()).isEqualTo(2);
                    assertThat(((Number) row.get("cost")).longValue()).isEqualTo(13);
                });
    }

    private UsageTotals rawSums(String from, String to) {
        return jdbc.queryForObject(
                """
                select null, count(*), coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0),
                    coalesce(sum(cost), 0) from usage_record where owner_id = ? and at >= ? and at < ?""",
                (rs, n) -> new UsageTotals(null, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                owner,
                Timestamp.from(Instant.parse(from)),
                Timestamp.from(Instant.parse(to)));
    }

    private static UsageTotals sum(List<UsageTotals> groups) {
        return groups.stream()
                .reduce(
                        new UsageTotals(null, 0, 0, 0, 0),
                        (a, b) -> new UsageTotals(
                                null,
                                a.requests() + b.requests(),
                                a.promptTokens() + b.promptTokens(),
                                a.completionTokens() + b.completionTokens(),
                                a.cost() + b.cost()));
    }

    @Test
    void givenRecordsOverSeveralDays_whenSummarisedOverWholeAndPartialDays_thenTheSummaryEqualsTheSumOfTheRows() {
        // given: the same request written twice must count once in the daily totals too
        RequestSettledEvent twice = settled("t1", "m-a", 7, "2026-04-01T08:00:00Z");
        writer.insert(List.of(
                twice,
                settled("t1", "m-a", 11, "2026-04-01T20:00:00Z"),
                settled("t2", "m-b", 13, "2026-04-02T00:00:00Z"),
                settled("t2", "m-a", 17, "2026-04-02T12:30:00Z"),
                settled("t1", "m-b", 19, "2026-04-03T23:00:00Z")));
        writer.insert(List.of(twice));
        UsageFilter all = new UsageFilter(owner, null, null, null, null);

        // when
        List<UsageTotals> byDay = records.summary(all, UsageGrouping.DAY);
        List<UsageTotals> partial = records.summary(
                new UsageFilter(
                        owner,
                        null,
                        null,
                        Instant.parse("2026-04-01T12:00:00Z"),
                        Instant.parse("2026-04-03T22:00:00Z")),
                UsageGrouping.MODEL);
        List<UsageTotals> insideOneDay = records.summary(
                new UsageFilter(
                        owner,
                        null,
                        null,
                        Instant.parse("2026-04-02T06:00:00Z"),
                        Instant.parse("2026-04-02T18:00:00Z")),
                UsageGrouping.TOKEN);

        // then
        assertThat(sum(byDay)).isEqualTo(rawSums("2026-04-01T00:00:00Z", "2026-04-04T00:00:00Z"));
        assertThat(byDay)
                .containsExactly(
                        new UsageTotals("2026-04-01", 2, 20, 10, 18),
                        new UsageTotals("2026-04-02", 2, 20, 10, 30),
                        new UsageTotals("2026-04-03", 1, 10, 5, 19));
        assertThat(sum(partial)).isEqualTo(rawSums("2026-04-01T12:00:00Z", "2026-04-03T22:00:00Z"));
        assertThat(partial)
                .containsExactly(new UsageTotals("m-a", 2, 20, 10, 28), new UsageTotals("m-b", 1, 10, 5, 13));
        assertThat(insideOneDay).containsExactly(new UsageTotals("t2", 1, 10, 5, 17));
    }

    @Test
    void givenOldRecords_whenPrunedInSmallBatches_thenTheyAreGoneAndTheDailySummaryIsUnchanged() {
        // given: 5 records on an old day, 1 on the day of the boundary
        for (int i = 0; i < 5; i++) {
            writer.insert(List.of(settled("t1", "m-old", 10 + i, "2020-01-0" + (i % 2 + 1) + "T10:00:00Z")));
        }
        writer.insert(List.of(settled("t1", "m-old", 100, "2020-01-03T10:00:00Z")));
        UsageFilter all = new UsageFilter(owner, null, null, null, null);
        List<UsageTotals> before = records.summary(all, UsageGrouping.DAY);

        // when: everything before 2020-01-03 goes, two rows per statement
        records.markPrunedBefore(LocalDate.parse("2020-01-03"));
        int deleted = 0;
        int n;
        do {
            n = records.deleteBefore(LocalDate.parse("2020-01-03"), 2);
            deleted += n;
        } while (n == 2);
        records.markPrunedBefore(LocalDate.parse("2019-06-01"));

        // then
        assertThat(deleted).isGreaterThanOrEqualTo(5);
        assertThat(records.find(all, 0, 50)).extracting(UsageRecordView::cost).containsExactly(100L);
        assertThat(records.totals(all).requests()).isEqualTo(1);
        assertThat(records.summary(all, UsageGrouping.DAY)).isEqualTo(before);
        assertThat(before).extracting(UsageTotals::requests).containsExactly(3L, 2L, 1L);
        assertThat(records.prunedBefore()).contains(LocalDate.parse("2020-01-03"));
    }
}
