package dev.tollgate.adapter.out.persistence.organization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.adapter.out.persistence.StatementCounter;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import dev.tollgate.application.organization.port.out.OrganizationListPort;
import dev.tollgate.application.organization.port.out.OrganizationListPort.MemberQuery;
import dev.tollgate.application.organization.port.out.OrganizationListPort.OrganizationQuery;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberAddedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRoleChangedEvent;
import dev.tollgate.domain.organization.event.OrganizationOwnershipTransferredEvent;
import dev.tollgate.domain.organization.event.OrganizationRenamedEvent;
import dev.tollgate.domain.organization.event.OrganizationStatusChangedEvent;
import java.sql.Timestamp;
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
 * The lists of organisations and members on the real schema, kept by {@link OrganizationListProjection} in JPA
 * transactions: a page of 100 is one statement and its total another (no N+1: the viewer's role and the usernames
 * come from joins); filters by name (wildcards literal), status, kind and member; replayed events change nothing.
 */
@TestPropertySource(
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                + "dev.tollgate.adapter.out.persistence.StatementCounter")
class OrganizationListPersistenceAdapterTest extends SpringBootPersistenceTest {
    private static final int ORGANIZATIONS = 150;
    private static final int MEMBERS = 130;
    private static final Instant BASE = Instant.parse("2026-05-01T00:00:00Z");

    @Autowired
    OrganizationListPort lists;

    @Autowired
    OrganizationListProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER)
    PlatformTransactionManager jpa;

    @BeforeEach
    void organizations() {
        // given: 150 personal organisations of users u0..u149 (one a second), a shared one "Team 100%" owned by u0
        // with 130 more members (u1..u130), u131 of whom has no user row (deleted); u5 is an admin there; u7 left
        jdbc.update("delete from organization_membership");
        jdbc.update("delete from organization_listing");
        jdbc.update("delete from user_account");
        List<Object[]> users = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            if (i != MEMBERS + 1) {
                users.add(new Object[] {"u" + i, "user" + i, "USER", "enabled", Timestamp.from(BASE)});
            }
        }
        jdbc.batchUpdate(
                "insert into user_account (user_id, username, role, status, registered_at) values (?, ?, ?, ?, ?)",
                users);
        inJpa(() -> {
            for (int i = 0; i < ORGANIZATIONS; i++) {
                projection.on(new OrganizationCreatedEvent(
                        "personal-u" + i, "user" + i, "u" + i, true, "system", BASE.plusSeconds(i)));
            }
            projection.on(
                    new OrganizationCreatedEvent("team", "Team 100%", "u0", false, "user:u0", BASE.plusSeconds(-1)));
            for (int i = 1; i <= MEMBERS + 1; i++) {
                projection.on(new OrganizationMemberAddedEvent("team", "u" + i, "MEMBER", "user:u0", BASE));
            }
            projection.on(new OrganizationMemberRoleChangedEvent("team", "u5", "ADMIN", "user:u0", BASE));
            projection.on(new OrganizationMemberRemovedEvent("team", "u7", "user:u0", BASE));
            projection.on(new OrganizationRenamedEvent("personal-u3", "third_user", "user:u3", BASE));
            projection.on(new OrganizationStatusChangedEvent("personal-u4", false, "user:root", BASE));
        });
    }

    @Test
    void givenManyOrganizations_whenAnAdminReadsAPageOf100AndTheTotal_thenTwoStatementsInCreationOrder() {
        // given
        OrganizationQuery everyone = new OrganizationQuery("u2", true, TextSearch.NONE, null, null);

        // when
        StatementCounter.reset();
        List<OrganizationView> page = lists.find(everyone, 0, 100);
        long total = lists.count(everyone);
        int statements = StatementCounter.count();

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(ORGANIZATIONS + 1);
        assertThat(page).hasSize(100);
        assertThat(page.get(0).id()).isEqualTo("team");
        assertThat(page.get(0).members()).isEqualTo(MEMBERS + 1);
        assertThat(page.get(0).yourRole()).isEqualTo("MEMBER");
        assertThat(page.get(1).id()).isEqualTo("personal-u0");
        assertThat(page.get(3).yourRole()).isEqualTo("OWNER");
        assertThat(page.get(1).yourRole()).isNull();
        assertThat(page).isSortedAccordingTo((a, b) -> a.createdAt().compareTo(b.createdAt()));
    }

    @Test
    void givenAMemberOfTwoOrganizations_whenTheyList_thenOnlyTheirsWithTheirRoles() {
        // when
        List<OrganizationView> mine =
                lists.find(new OrganizationQuery("u5", false, TextSearch.NONE, null, null), 0, 20);

        // then
        assertThat(mine)
                .extracting(OrganizationView::id, OrganizationView::yourRole)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("team", "ADMIN"),
                        org.assertj.core.groups.Tuple.tuple("personal-u5", "OWNER"));
        assertThat(lists.count(new OrganizationQuery("u5", false, TextSearch.NONE, null, null)))
                .isEqualTo(2);
    }

    @Test
    void givenFilters_whenListed_thenNameWildcardsAreLiteralAndStatusAndKindFilter() {
        // when
        List<OrganizationView> percent = lists.find(query(new TextSearch("100%"), null, null), 0, 20);
        List<OrganizationView> underscore = lists.find(query(new TextSearch("d_u"), null, null), 0, 20);
        List<OrganizationView> disabled = lists.find(query(TextSearch.NONE, "disabled", null), 0, 20);
        long shared = lists.count(query(TextSearch.NONE, null, false));
        long personal = lists.count(query(TextSearch.NONE, "enabled", true));

        // then
        assertThat(percent).extracting(OrganizationView::name).containsExactly("Team 100%");
        assertThat(underscore).extracting(OrganizationView::name).containsExactly("third_user");
        assertThat(disabled).extracting(OrganizationView::id).containsExactly("personal-u4");
        assertThat(shared).isEqualTo(1);
        assertThat(personal).isEqualTo(ORGANIZATIONS - 1);
    }

    @Test
    void givenManyMembers_whenAPageOf100AndTheTotalAreRead_thenTwoStatementsWithUsernamesByRole() {
        // given
        MemberQuery team = new MemberQuery("team", TextSearch.NONE, null);

        // when
        StatementCounter.reset();
        List<MemberView> page = lists.findMembers(team, 0, 100);
        long total = lists.countMembers(team);
        int statements = StatementCounter.count();
        List<MemberView> rest = lists.findMembers(team, 100, 100);

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(MEMBERS + 1);
        assertThat(page).hasSize(100);
        assertThat(page.get(0)).isEqualTo(new MemberView("u5", "user5", "ADMIN"));
        assertThat(page.get(1).role()).isEqualTo("MEMBER");
        assertThat(rest).hasSize((int) total - 100);
        assertThat(rest.get(rest.size() - 1)).isEqualTo(new MemberView("u0", "user0", "OWNER"));
        assertThat(page).extracting(MemberView::userId).doesNotContain("u7");
        assertThat(rest).contains(new MemberView("u131", "(deleted user)", "MEMBER"));
    }

    @Test
    void givenMemberFilters_whenListed_thenByRoleAndUsername() {
        // when
        List<MemberView> admins = lists.findMembers(new MemberQuery("team", TextSearch.NONE, "ADMIN"), 0, 10);
        List<MemberView> named = lists.findMembers(new MemberQuery("team", new TextSearch("USER12"), null), 0, 20);

        // then
        assertThat(admins).containsExactly(new MemberView("u5", "user5", "ADMIN"));
        assertThat(named)
                .extracting(MemberView::username)
                .containsExactly(
                        "user12", "user120", "user121", "user122", "user123", "user124", "user125", "user126",
                        "user127", "user128", "user129");
    }

    @Test
    void givenTheEventsAppliedAgain_whenListed_thenNothingChanged() {
        // when: a replay of the creation, additions and ownership moves
        inJpa(() -> {
            projection.on(
                    new OrganizationCreatedEvent("team", "Team 100%", "u0", false, "user:u0", BASE.plusSeconds(-1)));
            for (int i = 1; i <= MEMBERS + 1; i++) {
                projection.on(new OrganizationMemberAddedEvent("team", "u" + i, "MEMBER", "user:u0", BASE));
            }
            projection.on(new OrganizationMemberRemovedEvent("team", "u7", "user:u0", BASE));
            projection.on(new OrganizationOwnershipTransferredEvent("team", "u0", "u9", "user:u0", BASE));
            projection.on(new OrganizationOwnershipTransferredEvent("team", "u0", "u9", "user:u0", BASE));
        });

        // then: u7's re-addition was replayed before its removal; the counts follow the rows
        List<MemberView> owners = lists.findMembers(new MemberQuery("team", TextSearch.NONE, "OWNER"), 0, 10);
        assertThat(owners).containsExactly(new MemberView("u9", "user9", "OWNER"));
        assertThat(lists.countMembers(new MemberQuery("team", TextSearch.NONE, null)))
                .isEqualTo(MEMBERS + 1);
        assertThat(lists.find(query(new TextSearch("team"), null, null), 0, 1)
                        .get(0)
                        .members())
                .isEqualTo(MEMBERS + 1);
    }

    private static OrganizationQuery query(TextSearch search, String status, Boolean personal) {
        return new OrganizationQuery("root", true, search, status, personal);
    }

    private void inJpa(Runnable work) {
        new TransactionTemplate(jpa).executeWithoutResult(status -> work.run());
    }
}
