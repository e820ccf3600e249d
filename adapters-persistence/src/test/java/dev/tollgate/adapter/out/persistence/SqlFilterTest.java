package dev.tollgate.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.billing.query.BillingScope;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The where-clause builder of the read adapters: bound values only, absent filters skipped. (Its queries run in
 * LedgerPersistenceAdapterTest against PostgreSQL.) */
class SqlFilterTest {
    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void givenNoFilter_whenBuilding_thenEveryRowMatchesAndNothingIsBound() {
        // when
        SqlFilter filter = new SqlFilter()
                .equal("model", null)
                .anyOf("kind", null)
                .from("at", (Instant) null)
                .before("day", (LocalDate) null)
                .within(BillingScope.ALL, "member_id");

        // then
        assertThat(filter.sql()).isEqualTo(" where true");
        assertThat(filter.args()).isEmpty();
        assertThat(filter.argsAnd(50, 0)).containsExactly(50, 0);
    }

    @Test
    void givenValuesWithQuotes_whenBuilding_thenTheyAreBoundNeverWrittenIntoTheSql() {
        // when
        SqlFilter filter = new SqlFilter()
                .equal("model", "x' or '1'='1")
                .anyOf("kind", List.of("top_up"))
                .from("at", FROM)
                .before("at", TO)
                .from("day", LocalDate.of(2026, 12, 1));

        // then
        assertThat(filter.sql())
                .isEqualTo(" where true and model = ? and kind = any (?) and at >= ? and at < ?" + " and day >= ?");
        assertThat(filter.args()).hasSize(5);
        assertThat(filter.args().get(0)).isEqualTo("x' or '1'='1");
        assertThat((String[]) filter.args().get(1)).containsExactly("top_up");
        assertThat(filter.args().subList(2, 5))
                .containsExactly(Timestamp.from(FROM), Timestamp.from(TO), LocalDate.of(2026, 12, 1));
    }

    @Test
    void givenAMembersScope_whenBuilding_thenTheirOrganizationsOrTheirOwnRowsAreReadable() {
        // when
        SqlFilter filter = new SqlFilter().within(new BillingScope(Set.of("o1"), "u1"), "owner_id");

        // then
        assertThat(filter.sql()).isEqualTo(" where true and (organization_id = any (?) or owner_id = ?)");
        assertThat((String[]) filter.args().get(0)).containsExactly("o1");
        assertThat(filter.args().get(1)).isEqualTo("u1");
    }
}
