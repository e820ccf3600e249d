package dev.tollgate.adapter.out.persistence.usage;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.sql.Timestamp;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code usage_record} current: one row per settled request. Idempotent (a replayed event inserts nothing),
 * so the processor can be reset and replayed at any time. Runs in its own tracking processor, off the relay path.
 */
public class UsageRecordProjection {
    public static final String PROCESSING_GROUP = "usage-records";

    private final JdbcTemplate jdbc;

    public UsageRecordProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RequestSettledEvent e) {
        jdbc.update("""
                insert into usage_record (request_id, at, owner_id, token_id, channel_id, model, upstream_model,
                    prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, outcome, stream)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (request_id) do nothing""",
                e.requestId(), Timestamp.from(e.at()), e.ownerId(), e.tokenId(), e.channelId(), e.model(),
                e.upstreamModel(), e.promptTokens(), e.completionTokens(), e.cost(), e.latencyMillis(),
                e.upstreamStatus(), e.outcome(), e.stream());
    }
}
