package dev.tollgate.adapter.out.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.adapter.out.persistence.StatementCounter;
import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.domain.common.InvalidValueException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The audit log's JPA adapter on the real schema: filters, offset pages and keyset pages, each page of 100 read with a
 * fixed number of statements (no N+1), keyset pages that neither skip nor repeat entries of the same instant.
 */
@TestPropertySource(
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                + "dev.tollgate.adapter.out.persistence.StatementCounter")
class AuditLogPersistenceAdapterTest extends SpringBootPersistenceTest {
    private static final int ENTRIES = 250;

    @Autowired
    AuditLogPort log;

    @Autowired
    JdbcTemplate jdbc;

    private String target;
    private Instant base;

    @BeforeEach
    void entries() {
        // given: 250 entries of one target, in groups of five sharing one instant (ties the keyset must order)
        target = "t-" + UUID.randomUUID();
        base = Instant.parse("2026-03-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            rows.add(new Object[] {
                UUID.randomUUID().toString(),
                Timestamp.from(base.plusSeconds(i / 5)),
                "user:root",
                "root",
                i % 2 == 0 ? "org-even" : null,
                "user.status_changed",
                "user",
                target,
                "n=" + i
            });
        }
        jdbc.batchUpdate(
                "insert into audit_entry (event_id, at, actor, actor_user_id, organisation_id, action,"
                        + " target_type, target_id, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    private AuditFilter byTarget() {
        return new AuditFilter(null, null, null, "user", target, null, null);
    }

    @Test
    void givenManyEntries_whenAPageOf100IsRead_thenOneSelectAndOneCountAndNewestFirst() {
        // when
        StatementCounter.reset();
        List<AuditEntryView> page = log.find(byTarget(), 100, 100);
        long total = log.count(byTarget());
        int statements = StatementCounter.count();

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(ENTRIES);
        assertThat(page).hasSize(100);
        assertThat(page).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
        assertThat(page.get(0).at()).isEqualTo(base.plusSeconds(29));
        assertThat(page.get(0).details()).isNotNull();
    }

    @Test
    void givenManyEntries_whenReadByKeysetPagesOf100_thenEveryEntryOnceInOrderWithOneStatementPerPage() {
        // when
        List<AuditEntryView> all = new ArrayList<>();
        List<Integer> statementsPerPage = new ArrayList<>();
        Cursor after = Cursor.START;
        while (true) {
            StatementCounter.reset();
            List<AuditEntryView> page = log.findAfter(byTarget(), after, 100);
            statementsPerPage.add(StatementCounter.count());
            all.addAll(page);
            if (page.size() < 100) {
                break;
            }
            after = AuditLogPort.positionOf(page.get(page.size() - 1));
        }

        // then
        assertThat(statementsPerPage).containsOnly(1);
        assertThat(all).hasSize(ENTRIES);
        Set<String> ids = new HashSet<>();
        all.forEach(e -> ids.add(e.eventId()));
        assertThat(ids).hasSize(ENTRIES);
        assertThat(all).isSortedAccordingTo((a, b) -> {
            int byTime = b.at().compareTo(a.at());
            return byTime != 0 ? byTime : a.eventId().compareTo(b.eventId());
        });
    }

    @Test
    void givenFilters_whenRead_thenOnlyMatchingEntriesAndTheTimeRangeIsHalfOpen() {
        // given
        AuditFilter evenOrganisation = new AuditFilter(
                null, null, null, "user", target, base.plusSeconds(10), base.plusSeconds(20), "org-even");

        // when
        List<AuditEntryView> page = log.find(evenOrganisation, 0, 500);

        // then: seconds 10..19, five entries each, of which the even ones
        assertThat(page).hasSize(25).allSatisfy(e -> {
            assertThat(e.organizationId()).isEqualTo("org-even");
            assertThat(e.at()).isBetween(base.plusSeconds(10), base.plusSeconds(19));
        });
        assertThat(log.count(evenOrganisation)).isEqualTo(25);
    }

    @Test
    void givenACursorOfAnotherShape_whenReading_thenItIsRefusedAsInvalid() {
        // given
        Cursor forged = Cursor.of("not-a-time", "x");

        // when / then
        assertThatThrownBy(() -> log.findAfter(byTarget(), forged, 10)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> log.findAfter(byTarget(), Cursor.of("only-one"), 10))
                .isInstanceOf(InvalidValueException.class);
    }
}
