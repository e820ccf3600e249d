package dev.tollgate.adapter.out.persistence.usage;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code usage_record}: one row per settled request, in the same transaction as the batch of settlement
 * events it comes from (so the usage API reads its own writes and no second event processor re-reads every
 * settlement). Idempotent: a request id already present inserts nothing.
 */
public class UsageRecordWriter {
    private final JdbcTemplate jdbc;

    public UsageRecordWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the rows of a batch in one JDBC batch; rows already present are left alone. */
    public void insert(List<RequestSettledEvent> events) {
        jdbc.batchUpdate("""
                insert into usage_record (request_id, at, owner_id, token_id, channel_id, model, upstream_model,
                    prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, outcome, stream,
                    cached_prompt_tokens, reasoning_tokens, images, audio_seconds, attempts)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (request_id) do nothing""", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        RequestSettledEvent e = events.get(i);
                        ps.setString(1, e.requestId());
                        ps.setTimestamp(2, Timestamp.from(e.at()));
                        ps.setString(3, e.ownerId());
                        ps.setString(4, e.tokenId());
                        ps.setString(5, e.channelId());
                        ps.setString(6, e.model());
                        ps.setString(7, e.upstreamModel());
                        ps.setLong(8, e.promptTokens());
                        ps.setLong(9, e.completionTokens());
                        ps.setLong(10, e.cost());
                        ps.setLong(11, e.latencyMillis());
                        ps.setInt(12, e.upstreamStatus());
                        ps.setString(13, e.outcome());
                        ps.setBoolean(14, e.stream());
                        ps.setLong(15, e.cachedPromptTokens());
                        ps.setLong(16, e.reasoningTokens());
                        ps.setLong(17, e.images());
                        ps.setLong(18, e.audioSeconds());
                        ps.setInt(19, e.attempts());
                    }

                    @Override
                    public int getBatchSize() {
                        return events.size();
                    }
                });
    }
}
