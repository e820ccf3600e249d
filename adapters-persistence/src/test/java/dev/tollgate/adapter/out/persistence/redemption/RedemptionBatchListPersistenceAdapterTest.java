package dev.tollgate.adapter.out.persistence.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.adapter.out.persistence.StatementCounter;
import dev.tollgate.application.billing.port.in.RedemptionBatchView;
import dev.tollgate.application.billing.port.out.RedemptionBatchListPort;
import dev.tollgate.application.billing.port.out.RedemptionBatchListPort.BatchQuery;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchCreatedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDeletedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDisabledEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The list of redemption batches on the real schema, kept by {@link RedemptionBatchListProjection} in JPA
 * transactions: a page of 100 is one statement and its total another; newest first, deleted batches left out; the
 * status computed as of the reading time (expired); a code redeemed twice in the event stream counts once; the name
 * filter takes wildcards literally; no code is stored in clear.
 */
@TestPropertySource(
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                + "dev.tollgate.adapter.out.persistence.StatementCounter")
class RedemptionBatchListPersistenceAdapterTest extends SpringBootPersistenceTest {
    private static final int BATCHES = 120;
    private static final Instant BASE = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant EXPIRY = BASE.plusSeconds(86_400);
    private static final Instant BEFORE_EXPIRY = BASE.plusSeconds(3_600);
    private static final Instant AFTER_EXPIRY = EXPIRY.plusSeconds(1);

    @Autowired
    RedemptionBatchListPort lists;

    @Autowired
    RedemptionBatchListProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER)
    PlatformTransactionManager jpa;

    @BeforeEach
    void batches() {
        // given: 120 batches b0..b119 of two codes each (one a second); b1 "50%_off" expires at EXPIRY; b2's codes
        // are both redeemed; b3's first code is redeemed twice in the stream; b4 is disabled; b5 is deleted
        jdbc.update("delete from redemption_code_listing");
        jdbc.update("delete from redemption_batch_listing");
        inJpa(() -> {
            for (int i = 0; i < BATCHES; i++) {
                projection.on(created(i));
            }
            projection.on(redeemed(2, 0));
            projection.on(redeemed(2, 1));
            projection.on(redeemed(3, 0));
            projection.on(redeemed(3, 0));
            projection.on(new RedemptionBatchDisabledEvent("b4", "user:root", BASE));
            projection.on(new RedemptionBatchDeletedEvent("b5", "user:root", BASE));
        });
    }

    @Test
    void givenManyBatches_whenAPageOf100AndTheTotalAreRead_thenTwoStatementsNewestFirstWithoutTheDeleted() {
        // given
        BatchQuery all = new BatchQuery(TextSearch.NONE, null, BEFORE_EXPIRY);

        // when
        StatementCounter.reset();
        List<RedemptionBatchView> page = lists.find(all, 0, 100);
        long total = lists.count(all);
        int statements = StatementCounter.count();
        List<RedemptionBatchView> rest = lists.find(all, 100, 100);

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(BATCHES - 1);
        assertThat(page).hasSize(100);
        assertThat(page.get(0).id()).isEqualTo("b119");
        assertThat(page).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
        assertThat(rest).hasSize(BATCHES - 1 - 100);
        assertThat(rest.get(rest.size() - 1))
                .isEqualTo(new RedemptionBatchView("b0", "batch 0", 1_000, null, "active", 2, 0, BASE));
        assertThat(rest).extracting(RedemptionBatchView::id).doesNotContain("b5");
    }

    @Test
    void givenStatusFilters_whenListedBeforeAndAfterTheExpiry_thenTheStatusIsThatOfTheReadingTime() {
        // when
        List<String> expiredBefore = ids(new BatchQuery(TextSearch.NONE, "expired", BEFORE_EXPIRY));
        List<String> expiredAfter = ids(new BatchQuery(TextSearch.NONE, "expired", AFTER_EXPIRY));
        List<String> usedUp = ids(new BatchQuery(TextSearch.NONE, "used_up", AFTER_EXPIRY));
        List<String> disabled = ids(new BatchQuery(TextSearch.NONE, "disabled", AFTER_EXPIRY));
        long activeBefore = lists.count(new BatchQuery(TextSearch.NONE, "active", BEFORE_EXPIRY));
        long activeAfter = lists.count(new BatchQuery(TextSearch.NONE, "active", AFTER_EXPIRY));
        RedemptionBatchView b1 = lists.find(new BatchQuery(new TextSearch("50%"), null, EXPIRY), 0, 10)
                .get(0);

        // then: b1 is active until its expiry and expired from it on
        assertThat(expiredBefore).isEmpty();
        assertThat(expiredAfter).containsExactly("b1");
        assertThat(b1.status()).isEqualTo("expired");
        assertThat(usedUp).containsExactly("b2");
        assertThat(disabled).containsExactly("b4");
        assertThat(activeBefore).isEqualTo(BATCHES - 3);
        assertThat(activeAfter).isEqualTo(BATCHES - 4);
    }

    @Test
    void givenACodeRedeemedTwiceInTheStream_whenListed_thenItCountsOnce() {
        // when: the whole stream replayed on top
        inJpa(() -> {
            projection.on(created(3));
            projection.on(redeemed(3, 0));
            projection.on(redeemed(2, 1));
        });
        List<RedemptionBatchView> page = lists.find(new BatchQuery(TextSearch.NONE, null, BEFORE_EXPIRY), 0, 200);

        // then
        RedemptionBatchView b3 =
                page.stream().filter(b -> b.id().equals("b3")).findFirst().orElseThrow();
        RedemptionBatchView b2 =
                page.stream().filter(b -> b.id().equals("b2")).findFirst().orElseThrow();
        assertThat(b3.redeemed()).isEqualTo(1);
        assertThat(b3.status()).isEqualTo("active");
        assertThat(b2.redeemed()).isEqualTo(2);
        assertThat(b2.status()).isEqualTo("used_up");
        assertThat(jdbc.queryForObject(
                        "select count(*) from redemption_code_listing where redeemed_at is not null", Long.class))
                .isEqualTo(3);
    }

    @Test
    void givenNames_whenSearched_thenWildcardsAreLiteralAndNoCodeIsStoredInClear() {
        // when
        List<String> percent = ids(new BatchQuery(new TextSearch("0%_"), null, BEFORE_EXPIRY));
        List<String> underscore = ids(new BatchQuery(new TextSearch("_"), null, BEFORE_EXPIRY));
        List<String> stored = jdbc.queryForList("select code_hash from redemption_code_listing", String.class);

        // then
        assertThat(percent).containsExactly("b1");
        assertThat(underscore).containsExactly("b1");
        assertThat(stored)
                .hasSize(2 * BATCHES)
                .allSatisfy(hash -> assertThat(hash).startsWith("hash-of-"));
    }

    private List<String> ids(BatchQuery query) {
        return lists.find(query, 0, 200).stream().map(RedemptionBatchView::id).toList();
    }

    private static RedemptionBatchCreatedEvent created(int i) {
        return new RedemptionBatchCreatedEvent(
                "b" + i,
                i == 1 ? "50%_off" : "batch " + i,
                1_000,
                i == 1 ? EXPIRY : null,
                List.of(hash(i, 0), hash(i, 1)),
                "user:root",
                BASE.plusSeconds(i));
    }

    private static CodeRedeemedEvent redeemed(int batch, int code) {
        return new CodeRedeemedEvent(hash(batch, code), "b" + batch, "wallet:u1", 1_000, "user:u1", BASE);
    }

    private static String hash(int batch, int code) {
        return "hash-of-" + batch + "-" + code;
    }

    private void inJpa(Runnable work) {
        new TransactionTemplate(jpa).executeWithoutResult(status -> work.run());
    }
}
