package dev.tollgate.adapter.out.persistence.billing;

import dev.tollgate.application.billing.port.out.QuotaSnapshotPort;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads {@code quota_spent}, {@code open_reservation} and the head of {@code request_event_entry} in one
 * repeatable-read transaction: the three are written together by the settlement batches, so the figures are exactly
 * those of the events visible at that instant. Positions up to {@value #GAP_WINDOW} below the head that are not
 * visible are reported as gaps (a batch still being written, whose position was taken before a later batch
 * committed): their events come later and are followed then.
 */
public class QuotaSnapshotPersistenceAdapter implements QuotaSnapshotPort {
    /** How far below the head invisible positions are looked for (Axon's own gap window is as wide). */
    static final int GAP_WINDOW = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public QuotaSnapshotPersistenceAdapter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    @Override
    public QuotaSnapshot load(YearMonth month) {
        return snapshot.execute(status -> {
            Long head = jdbc.queryForObject("select max(global_index) from request_event_entry", Long.class);
            long position = head == null ? -1 : head;
            Map<String, Long> spent = new HashMap<>();
            jdbc.query(
                    """
                    select account_id, spent from quota_spent
                    where account_id not like 'budget:%' or account_id like ?""",
                    rs -> {
                        spent.put(rs.getString(1), rs.getLong(2));
                    },
                    "budget:%:" + month);
            List<QuotaReservedEvent> open = jdbc.query(
                    """
                    select request_id, token_id, owner_id, model, amount, node, reserved_at, organization_id
                    from open_reservation""",
                    (rs, i) -> new QuotaReservedEvent(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getString(6),
                            rs.getTimestamp(7).toInstant(),
                            rs.getString(8)));
            return new QuotaSnapshot(spent, open, position, gaps(position));
        });
    }

    private Set<Long> gaps(long head) {
        Set<Long> gaps = new HashSet<>();
        if (head < 1) {
            return gaps;
        }
        long from = Math.max(1, head - GAP_WINDOW);
        Set<Long> seen = new HashSet<>(jdbc.queryForList(
                "select global_index from request_event_entry where global_index >= ? and global_index <= ?",
                Long.class,
                from,
                head));
        for (long i = from; i < head; i++) {
            if (!seen.contains(i)) {
                gaps.add(i);
            }
        }
        return gaps;
    }
}
