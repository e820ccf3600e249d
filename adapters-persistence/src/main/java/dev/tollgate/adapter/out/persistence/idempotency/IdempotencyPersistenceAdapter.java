package dev.tollgate.adapter.out.persistence.idempotency;

import dev.tollgate.application.common.port.out.IdempotencyPort;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotency records in {@code idempotency_record}: the primary key (scope, key) makes a claim atomic across nodes
 * (the first insert wins). Records older than the retention (24 h) are pruned now and then and may be reused.
 */
public class IdempotencyPersistenceAdapter implements IdempotencyPort {
    static final Duration RETENTION = Duration.ofHours(24);

    private final JdbcTemplate jdbc;
    private volatile long lastPrune;

    public IdempotencyPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Claim claim(String scope, String key, String requestHash) {
        prune();
        int inserted = jdbc.update("""
                insert into idempotency_record (scope, idem_key, request_hash, created_at) values (?, ?, ?, ?)
                on conflict (scope, idem_key) do nothing""", scope, key, requestHash, Timestamp.from(Instant.now()));
        if (inserted == 1) {
            return new Claim(Outcome.NEW, null);
        }
        List<Claim> found = jdbc.query(
                """
                select request_hash, status, content_type, body from idempotency_record
                where scope = ? and idem_key = ?""",
                (rs, n) -> {
                    if (!rs.getString(1).equals(requestHash)) {
                        return new Claim(Outcome.MISMATCH, null);
                    }
                    int status = rs.getInt(2);
                    if (rs.wasNull()) {
                        return new Claim(Outcome.IN_PROGRESS, null);
                    }
                    return new Claim(Outcome.REPLAY, new StoredAnswer(status, rs.getString(3), rs.getBytes(4)));
                },
                scope,
                key);
        // gone in between (abandoned or pruned): the caller may simply try again
        return found.isEmpty() ? new Claim(Outcome.IN_PROGRESS, null) : found.getFirst();
    }

    @Override
    public void complete(String scope, String key, StoredAnswer answer) {
        jdbc.update(
                "update idempotency_record set status = ?, content_type = ?, body = ? where scope = ? and "
                        + "idem_key = ?",
                answer.status(),
                answer.contentType(),
                answer.body(),
                scope,
                key);
    }

    @Override
    public void abandon(String scope, String key) {
        jdbc.update("delete from idempotency_record where scope = ? and idem_key = ? and status is null", scope, key);
    }

    private void prune() {
        long now = System.currentTimeMillis();
        if (now - lastPrune > 600_000) {
            lastPrune = now;
            jdbc.update(
                    "delete from idempotency_record where created_at < ?",
                    Timestamp.from(Instant.now().minus(RETENTION)));
        }
    }
}
