package dev.tollgate.adapter.out.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.adapter.out.persistence.StatementCounter;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.token.port.in.TokenFilter;
import dev.tollgate.application.token.port.out.TokenListPort;
import dev.tollgate.application.token.port.out.TokenListPort.TokenQuery;
import dev.tollgate.application.token.query.TokenView;
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenRotatedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import java.time.Instant;
import java.util.ArrayList;
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
 * The list of keys on the real schema, kept by {@link TokenListProjection} in JPA transactions: a page of 100 is one
 * statement and its total another, a keyset page one statement; newest first, then id; filters by owner,
 * organisation, status and search text (wildcards literal); never a key's hash; replayed events change nothing.
 */
@TestPropertySource(
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                + "dev.tollgate.adapter.out.persistence.StatementCounter")
class TokenListPersistenceAdapterTest extends SpringBootPersistenceTest {
    private static final int KEYS = 150;
    private static final Instant BASE = Instant.parse("2026-05-01T00:00:00Z");

    @Autowired
    TokenListPort tokens;

    @Autowired
    TokenListProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER)
    PlatformTransactionManager jpa;

    @BeforeEach
    void keys() {
        // given: 150 keys k0..k149, one a second, except k10..k19 issued in the same instant; even keys of u1 in
        // team, odd keys of u2 in their personal organisation (recorded without one); k3 renamed, disabled and
        // limited; k4 rotated; k5 deleted
        jdbc.update("delete from token_listing");
        inJpa(() -> {
            for (int i = 0; i < KEYS; i++) {
                projection.on(issued(i));
            }
            projection.on(new TokenUpdatedEvent(
                    "k3",
                    "batch 100%_jobs",
                    "disabled",
                    9_000,
                    false,
                    BASE.plusSeconds(86_400),
                    List.of("gpt-4o-mini"),
                    "user:u2",
                    BASE.plusSeconds(500),
                    "vip",
                    List.of("10.0.0.1", "192.168.0.0/16"),
                    60L,
                    null));
            projection.on(new TokenRotatedEvent("k4", "hash-new", "sk-new****abcd", "user:u1", BASE.plusSeconds(600)));
            projection.on(new TokenDeletedEvent("k5", "user:u2", BASE));
        });
    }

    @Test
    void givenManyKeys_whenAPageOf100AndTheTotalAreRead_thenTwoStatementsNewestFirst() {
        // given
        TokenQuery every = new TokenQuery(null, null, TokenFilter.NONE);

        // when
        StatementCounter.reset();
        List<TokenView> page = tokens.find(every, 0, 100);
        long total = tokens.count(every);
        int statements = StatementCounter.count();

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(KEYS - 1);
        assertThat(page).hasSize(100);
        assertThat(page.get(0).id()).isEqualTo("k149");
        assertThat(page).extracting(TokenView::id).doesNotContain("k5");
        assertThat(page).allSatisfy(t -> {
            assertThat(t.usedQuota()).isZero();
            assertThat(t.lastUsedAt()).isNull();
        });
    }

    @Test
    void givenKeysOfOneInstant_whenReadByKeysetPagesOf7_thenEveryKeyOnceInTheListsOrderOneStatementAPage() {
        // given
        TokenQuery every = new TokenQuery(null, null, TokenFilter.NONE);
        List<String> expected =
                tokens.find(every, 0, 500).stream().map(TokenView::id).toList();

        // when
        List<String> seen = new ArrayList<>();
        Instant at = null;
        String id = null;
        int pages = 0;
        StatementCounter.reset();
        while (true) {
            List<TokenView> page = tokens.after(every, at, id, 7);
            pages++;
            if (page.isEmpty()) {
                break;
            }
            page.forEach(t -> seen.add(t.id()));
            at = page.getLast().createdAt();
            id = page.getLast().id();
        }

        // then
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(expected.subList(expected.indexOf("k10"), expected.indexOf("k10") + 10))
                .containsExactly("k10", "k11", "k12", "k13", "k14", "k15", "k16", "k17", "k18", "k19");
        assertThat(StatementCounter.count()).isEqualTo(pages);
    }

    @Test
    void givenChangedKeys_whenListed_thenTheirViewsShowTheChangesMaskedAndTheDirectorysDefaults() {
        // when
        TokenView k3 = tokens.find(query(null, null, "100%_", null), 0, 10).getFirst();
        TokenView k4 = tokens.find(query(null, null, "sk-new", null), 0, 10).getFirst();
        TokenView k1 = tokens.find(query("u2", null, "key 1", null), 0, 500).getLast();

        // then
        assertThat(k3.name()).isEqualTo("batch 100%_jobs");
        assertThat(k3.status()).isEqualTo("disabled");
        assertThat(k3.quota()).isEqualTo(9_000);
        assertThat(k3.group()).isEqualTo("vip");
        assertThat(k3.subnets()).containsExactly("10.0.0.1/32", "192.168.0.0/16");
        assertThat(k3.rpm()).isEqualTo(60L);
        assertThat(k3.tpm()).isNull();
        assertThat(k3.updatedAt()).isEqualTo(BASE.plusSeconds(500));
        assertThat(k4.id()).isEqualTo("k4");
        assertThat(k4.maskedKey()).isEqualTo("sk-new****abcd");
        assertThat(k1.id()).isEqualTo("k1");
        assertThat(k1.group()).isEqualTo("default");
        assertThat(k1.organizationId()).isEqualTo("personal-u2");
        assertThat(k1.subnets()).isEmpty();
        assertThat(k1.unlimitedQuota()).isTrue();
    }

    @Test
    void givenFilters_whenListed_thenOwnerOrganisationStatusAndSearchNarrowTheList() {
        // when / then
        assertThat(tokens.count(query("u1", null, null, null))).isEqualTo(KEYS / 2);
        assertThat(tokens.count(query(null, "team", null, null))).isEqualTo(KEYS / 2);
        assertThat(tokens.count(query("u2", "team", null, null))).isZero();
        assertThat(tokens.count(query("u2", "personal-u2", null, null))).isEqualTo(KEYS / 2 - 1);
        assertThat(tokens.count(query(null, null, null, "disabled"))).isEqualTo(1);
        assertThat(tokens.count(query(null, null, "key 1", null))).isEqualTo(1 + 10 + 50);
        assertThat(tokens.count(query(null, null, "****0149", null))).isEqualTo(1);
        assertThat(tokens.count(query(null, null, "y_1", null))).isZero();
    }

    @Test
    void givenTheEventsAppliedAgain_whenListed_thenNothingChanged() {
        // when
        inJpa(() -> {
            for (int i = 0; i < 10; i++) {
                projection.on(issued(i));
            }
            projection.on(new TokenDeletedEvent("k5", "user:u2", BASE));
        });

        // then
        assertThat(tokens.count(query(null, null, null, null))).isEqualTo(KEYS - 1);
        assertThat(tokens.find(query(null, null, "100%", null), 0, 10))
                .extracting(TokenView::id)
                .containsExactly("k3");
    }

    private static TokenIssuedEvent issued(int i) {
        boolean even = i % 2 == 0;
        Instant at = i >= 10 && i < 20 ? BASE.plusSeconds(10) : BASE.plusSeconds(i);
        return new TokenIssuedEvent(
                "k" + i,
                even ? "u1" : "u2",
                "key " + i,
                "hash-" + i,
                "sk-****" + String.format("%04d", i),
                even ? 500_000 : 0,
                !even,
                null,
                List.of(),
                "user:u" + (even ? 1 : 2),
                at,
                null,
                null,
                null,
                null,
                even ? "team" : null);
    }

    private static TokenQuery query(String owner, String organization, String q, String status) {
        return new TokenQuery(owner, organization, new TokenFilter(new TextSearch(q), status));
    }

    private void inJpa(Runnable work) {
        new TransactionTemplate(jpa).executeWithoutResult(status -> work.run());
    }
}
