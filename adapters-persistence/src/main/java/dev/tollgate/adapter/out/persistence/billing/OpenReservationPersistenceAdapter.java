package dev.tollgate.adapter.out.persistence.billing;

import dev.tollgate.application.billing.port.out.OpenReservationPort;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code open_reservation} (kept by {@link SettlementJournalPersistenceAdapter}) and {@code billing_node} (the
 * heartbeats). Times come from the database's clock, so the nodes' own clocks do not matter.
 */
public class OpenReservationPersistenceAdapter implements OpenReservationPort {
    private final JdbcTemplate jdbc;

    public OpenReservationPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void heartbeat(String node) {
        jdbc.update("""
                insert into billing_node (node, started_at, seen_at) values (?, now(), now())
                on conflict (node) do update set seen_at = now()""", node);
    }

    @Override
    public List<QuotaReservedEvent> abandoned(Duration silence, int limit) {
        return jdbc.query(
                """
                select r.request_id, r.token_id, r.owner_id, r.model, r.amount, r.node, r.reserved_at,
                       r.organization_id
                from open_reservation r left join billing_node n on n.node = r.node
                where (n.node is null or n.seen_at < now() - make_interval(secs => ?))
                  and r.reserved_at < now() - make_interval(secs => ?)
                order by r.reserved_at limit ?""",
                (rs, i) -> new QuotaReservedEvent(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant(),
                        rs.getString(8)),
                seconds(silence),
                seconds(silence),
                limit);
    }

    @Override
    public long openCount() {
        Long n = jdbc.queryForObject("select count(*) from open_reservation", Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public void forgetSilentNodes(Duration silence) {
        jdbc.update("""
                delete from billing_node n where n.seen_at < now() - make_interval(secs => ?)
                and not exists (select 1 from open_reservation r where r.node = n.node)""", seconds(silence));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
