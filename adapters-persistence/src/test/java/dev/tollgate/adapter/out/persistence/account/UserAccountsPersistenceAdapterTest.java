package dev.tollgate.adapter.out.persistence.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.adapter.out.persistence.StatementCounter;
import dev.tollgate.application.account.port.in.AccountView;
import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.application.common.Cursor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The users' JPA list on the real schema: a page of 100 is one statement and the total another (no N+1); keyset pages
 * in registration order neither skip nor repeat users registered at the same instant.
 */
@TestPropertySource(
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                + "dev.tollgate.adapter.out.persistence.StatementCounter")
class UserAccountsPersistenceAdapterTest extends SpringBootPersistenceTest {
    private static final int USERS = 230;

    @Autowired
    UserAccountsPort users;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void users() {
        // given: 230 users, three at each instant (root alone, first)
        jdbc.update("delete from user_account");
        Instant base = Instant.parse("2026-04-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            rows.add(new Object[] {
                UUID.randomUUID().toString(),
                "u" + i,
                i == 0 ? "ROOT" : "USER",
                i % 7 == 0 ? "disabled" : "enabled",
                Timestamp.from(i == 0 ? base.minusSeconds(1) : base.plusSeconds(i / 3))
            });
        }
        jdbc.batchUpdate(
                "insert into user_account (user_id, username, role, status, registered_at)" + " values (?, ?, ?, ?, ?)",
                rows);
    }

    @Test
    void givenManyUsers_whenAPageOf100AndTheTotalAreRead_thenTwoStatementsInRegistrationOrder() {
        // when
        StatementCounter.reset();
        List<AccountView> page = users.find(100, 100);
        long total = users.count();
        int statements = StatementCounter.count();

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(USERS);
        assertThat(page).hasSize(100);
        assertThat(page).isSortedAccordingTo((a, b) -> a.registeredAt().compareTo(b.registeredAt()));
        assertThat(page.get(0).registeredAt()).isEqualTo(Instant.parse("2026-04-01T00:00:33Z"));
        assertThat(page).allSatisfy(u -> assertThat(u.username()).startsWith("u"));
    }

    @Test
    void givenManyUsers_whenReadByKeysetPagesOf100_thenEachOnceInOrderWithOneStatementPerPage() {
        // when
        List<AccountView> all = new ArrayList<>();
        List<Integer> statements = new ArrayList<>();
        Cursor after = Cursor.START;
        while (true) {
            StatementCounter.reset();
            List<AccountView> page = users.findAfter(after, 100);
            statements.add(StatementCounter.count());
            all.addAll(page);
            if (page.size() < 100) {
                break;
            }
            after = UserAccountsPort.positionOf(page.get(page.size() - 1));
        }

        // then
        assertThat(statements).containsOnly(1);
        assertThat(all).hasSize(USERS);
        assertThat(new HashSet<>(all.stream().map(AccountView::id).toList())).hasSize(USERS);
        assertThat(all).isSortedAccordingTo((a, b) -> {
            int byTime = a.registeredAt().compareTo(b.registeredAt());
            return byTime != 0 ? byTime : a.id().compareTo(b.id());
        });
        assertThat(all.get(0).role()).isEqualTo("ROOT");
    }
}
