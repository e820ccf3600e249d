package dev.tollgate.adapter.out.persistence.usage;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code usage_record}: one row per settled request, in the same transaction as the batch of settlement
 * events it comes from (so the usage API reads its own writes and no second event processor re-reads every
 * settlement). Idempotent: a request id already present inserts nothing.
 *
 * <p>A batch is one statement: its rows go in as arrays ({@code unnest}), and what it inserted (and only that) is
 * added to {@code usage_daily}, the day's totals per organisation, owner, key, model and channel, which the summaries
 * read and which outlive the records' pruning: one update per daily row and batch (not one per record, which would
 * rewrite the same hot row once per request), in the order of the daily key, so two writers lock the daily rows in
 * the same order.
 *
 * <p>Each row keeps the paying organisation and the request's hold ({@code reserved}, {@code reserved_at}): the
 * ledger lists the reservation and the release of every settled request from them.
 */
public class UsageRecordWriter {
    private static final String INSERT = """
            with inserted as (
                insert into usage_record (request_id, at, owner_id, token_id, channel_id, model, upstream_model,
                    prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, outcome, stream,
                    cached_prompt_tokens, reasoning_tokens, images, audio_seconds, attempts, organization_id,
                    reserved, reserved_at)
                select * from unnest(?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[],
                    ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::integer[],
                    ?::varchar[], ?::boolean[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::integer[],
                    ?::varchar[], ?::bigint[], ?::timestamptz[])
                on conflict (request_id) do nothing
                returning at, organization_id, owner_id, token_id, model, channel_id, outcome, prompt_tokens,
                    completion_tokens, cached_prompt_tokens, reasoning_tokens, images, audio_seconds, cost)
            insert into usage_daily as d (day, organization_id, owner_id, token_id, model, channel_id, requests,
                failed, prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens, images,
                audio_seconds, cost)
            select (at at time zone 'UTC')::date, organization_id, owner_id, token_id, model,
                coalesce(channel_id, ''), count(*), count(*) filter (where outcome <> 'succeeded'),
                sum(prompt_tokens), sum(completion_tokens), sum(cached_prompt_tokens), sum(reasoning_tokens),
                sum(images), sum(audio_seconds), sum(cost)
            from inserted
            group by 1, 2, 3, 4, 5, 6
            order by 1, 2, 3, 4, 5, 6
            on conflict (day, organization_id, owner_id, token_id, model, channel_id) do update set
                requests = d.requests + excluded.requests,
                failed = d.failed + excluded.failed,
                prompt_tokens = d.prompt_tokens + excluded.prompt_tokens,
                completion_tokens = d.completion_tokens + excluded.completion_tokens,
                cached_prompt_tokens = d.cached_prompt_tokens + excluded.cached_prompt_tokens,
                reasoning_tokens = d.reasoning_tokens + excluded.reasoning_tokens,
                images = d.images + excluded.images,
                audio_seconds = d.audio_seconds + excluded.audio_seconds,
                cost = d.cost + excluded.cost""";

    private final JdbcTemplate jdbc;

    public UsageRecordWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the rows of a batch in one statement; rows already present are left alone. */
    public void insert(List<RequestSettledEvent> batch) {
        insert(batch, Map.of());
    }

    /**
     * Inserts the rows of a batch in one statement; rows already present are left alone. {@code reservedAt}: when
     * the hold of each request that had one was taken (from its open reservation); missing: the settlement's time.
     */
    public void insert(List<RequestSettledEvent> batch, Map<String, Instant> reservedAt) {
        if (batch.isEmpty()) {
            return;
        }
        int n = batch.size();
        String[] requestId = new String[n];
        String[] at = new String[n];
        String[] owner = new String[n];
        String[] token = new String[n];
        String[] channel = new String[n];
        String[] model = new String[n];
        String[] upstreamModel = new String[n];
        Long[] prompt = new Long[n];
        Long[] completion = new Long[n];
        Long[] cost = new Long[n];
        Long[] latency = new Long[n];
        Integer[] status = new Integer[n];
        String[] outcome = new String[n];
        Boolean[] stream = new Boolean[n];
        Long[] cached = new Long[n];
        Long[] reasoning = new Long[n];
        Long[] images = new Long[n];
        Long[] audio = new Long[n];
        Integer[] attempts = new Integer[n];
        String[] organization = new String[n];
        Long[] reserved = new Long[n];
        String[] heldAt = new String[n];
        for (int i = 0; i < n; i++) {
            RequestSettledEvent e = batch.get(i);
            requestId[i] = e.requestId();
            at[i] = e.at().toString(); // ISO-8601 in UTC: exact to the microsecond as timestamptz
            owner[i] = e.ownerId();
            token[i] = e.tokenId();
            channel[i] = e.channelId();
            model[i] = e.model();
            upstreamModel[i] = e.upstreamModel();
            prompt[i] = e.promptTokens();
            completion[i] = e.completionTokens();
            cost[i] = e.cost();
            latency[i] = e.latencyMillis();
            status[i] = e.upstreamStatus();
            outcome[i] = e.outcome();
            stream[i] = e.stream();
            cached[i] = e.cachedPromptTokens();
            reasoning[i] = e.reasoningTokens();
            images[i] = e.images();
            audio[i] = e.audioSeconds();
            attempts[i] = e.attempts();
            organization[i] = e.payingOrganization();
            reserved[i] = e.reserved();
            Instant held = e.reserved() > 0 ? reservedAt.getOrDefault(e.requestId(), e.at()) : null;
            heldAt[i] = held == null ? null : held.toString();
        }
        jdbc.update(
                INSERT,
                requestId,
                at,
                owner,
                token,
                channel,
                model,
                upstreamModel,
                prompt,
                completion,
                cost,
                latency,
                status,
                outcome,
                stream,
                cached,
                reasoning,
                images,
                audio,
                attempts,
                organization,
                reserved,
                heldAt);
    }
}
