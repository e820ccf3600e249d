package dev.tollgate.adapter.out.persistence.usage;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code usage_record}: one row per settled request, in the same transaction as the batch of settlement
 * events it comes from (so the usage API reads its own writes and no second event processor re-reads every
 * settlement). Idempotent: a request id already present inserts nothing.
 *
 * <p>Each statement also adds the row it inserted (and only a row it inserted) to {@code usage_daily}, the day's
 * totals per organisation, owner, key, model and channel, which the summaries read and which outlive the records'
 * pruning. The rows are written in the order of their daily key, so two writers lock the daily rows in the same
 * order.
 *
 * <p>Each row keeps the paying organisation and the request's hold ({@code reserved}, {@code reserved_at}): the
 * ledger lists the reservation and the release of every settled request from them.
 */
public class UsageRecordWriter {
    private static final Comparator<RequestSettledEvent> DAILY_ORDER = Comparator.comparing(
                    (RequestSettledEvent e) -> LocalDate.ofInstant(e.at(), ZoneOffset.UTC))
            .thenComparing(RequestSettledEvent::payingOrganization)
            .thenComparing(RequestSettledEvent::ownerId)
            .thenComparing(RequestSettledEvent::tokenId)
            .thenComparing(RequestSettledEvent::model)
            .thenComparing(e -> e.channelId() == null ? "" : e.channelId());
    private final JdbcTemplate jdbc;

    public UsageRecordWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the rows of a batch in one JDBC batch; rows already present are left alone. */
    public void insert(List<RequestSettledEvent> batch) {
        insert(batch, Map.of());
    }

    /**
     * Inserts the rows of a batch in one JDBC batch; rows already present are left alone. {@code reservedAt}: when
     * the hold of each request that had one was taken (from its open reservation); missing: the settlement's time.
     */
    public void insert(List<RequestSettledEvent> batch, Map<String, Instant> reservedAt) {
        List<RequestSettledEvent> events = batch.stream().sorted(DAILY_ORDER).toList();
        jdbc.batchUpdate("""
                with inserted as (
                    insert into usage_record (request_id, at, owner_id, token_id, channel_id, model, upstream_model,
                        prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, outcome, stream,
                        cached_prompt_tokens, reasoning_tokens, images, audio_seconds, attempts, organization_id,
                        reserved, reserved_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (request_id) do nothing
                    returning at, organization_id, owner_id, token_id, model, channel_id, outcome, prompt_tokens,
                        completion_tokens, cached_prompt_tokens, reasoning_tokens, images, audio_seconds, cost)
                insert into usage_daily as d (day, organization_id, owner_id, token_id, model, channel_id, requests,
                    failed, prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens, images,
                    audio_seconds, cost)
                select (at at time zone 'UTC')::date, organization_id, owner_id, token_id, model,
                    coalesce(channel_id, ''), 1,
                    case when outcome = 'succeeded' then 0 else 1 end, prompt_tokens, completion_tokens,
                    cached_prompt_tokens, reasoning_tokens, images, audio_seconds, cost
                from inserted
                on conflict (day, organization_id, owner_id, token_id, model, channel_id) do update set
                    requests = d.requests + 1,
                    failed = d.failed + excluded.failed,
                    prompt_tokens = d.prompt_tokens + excluded.prompt_tokens,
                    completion_tokens = d.completion_tokens + excluded.completion_tokens,
                    cached_prompt_tokens = d.cached_prompt_tokens + excluded.cached_prompt_tokens,
                    reasoning_tokens = d.reasoning_tokens + excluded.reasoning_tokens,
                    images = d.images + excluded.images,
                    audio_seconds = d.audio_seconds + excluded.audio_seconds,
                    cost = d.cost + excluded.cost""", new BatchPreparedStatementSetter() {
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
                ps.setString(20, e.payingOrganization());
                ps.setLong(21, e.reserved());
                Instant held = e.reserved() > 0 ? reservedAt.getOrDefault(e.requestId(), e.at()) : null;
                ps.setTimestamp(22, held == null ? null : Timestamp.from(held));
            }

            @Override
            public int getBatchSize() {
                return events.size();
            }
        });
    }
}
