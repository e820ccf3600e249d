package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.billing.service.Reservation;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.application.channel.query.ChannelDirectory;
import dev.tollgate.application.channel.query.RoutableChannel;
import dev.tollgate.application.channel.service.ChannelHealthService;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.KeyBalance;
import dev.tollgate.application.relay.port.in.RelayEndpoint;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelaySink;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import dev.tollgate.application.relay.port.in.UpstreamErrorPassthrough;
import dev.tollgate.application.relay.port.out.ChatUpstreamPort;
import dev.tollgate.application.relay.port.out.CompletedChat;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.application.relay.port.out.StreamChunk;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.relay.port.out.UpstreamChatRequest;
import dev.tollgate.application.relay.port.out.UpstreamChatResponse;
import dev.tollgate.application.relay.port.out.UpstreamException;
import dev.tollgate.application.relay.port.out.UpstreamTarget;
import dev.tollgate.application.relay.port.out.Usage;
import dev.tollgate.application.token.query.TokenDirectory;
import dev.tollgate.application.token.query.TokenRecord;
import dev.tollgate.application.token.service.ApiKeys;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.token.TokenStatus;
import dev.tollgate.domain.channel.ChannelOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import dev.tollgate.application.organization.query.OrganizationDirectory;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.OrganizationPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's hot path. Everything it reads is in memory (keys, channels, prices, quota); the only writes are the
 * settlement events it hands to the {@link BillingJournal}, which stores them in batches off the request thread.
 *
 * <p>Money: before the upstream call the worst-case cost (prompt upper bound plus the output-token limit) is
 * reserved; when the client's limit is missing or larger than the key can pay for, the largest affordable limit is
 * sent upstream instead, so the cost can never exceed the reservation. Only the attempt that delivered output is
 * charged; a failure before the first byte releases everything.
 */
public class RelayService implements RelayUseCase {
    private static final Logger log = LoggerFactory.getLogger(RelayService.class);
    static final String DEFAULT_GROUP = "default";

    private final TokenDirectory tokens;
    private final ChannelDirectory channels;
    private final PriceBook prices;
    private final QuotaLedger ledger;
    private final BillingJournal journal;
    private final ChatUpstreamPort upstream;
    private final TokenCounterPort tokenCounter;
    private final RelayMetricsPort metrics;
    private final ChannelHealthService health;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final RelaySettings settings;
    private final dev.tollgate.application.account.query.UserDirectory users;
    private final RateLimiter rateLimiter;
    private final OrganizationDirectory organizations;
    private final dev.tollgate.application.token.service.LastUsedTracker lastUsed;
    private final java.util.Map<String, CircuitBreaker> breakers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, CircuitBreaker> keyBreakers = new java.util.concurrent.ConcurrentHashMap<>();

    public RelayService(TokenDirectory tokens, ChannelDirectory channels, PriceBook prices, QuotaLedger ledger,
            BillingJournal journal, ChatUpstreamPort upstream, TokenCounterPort tokenCounter,
            RelayMetricsPort metrics, ChannelHealthService health, ClockPort clock, IdGeneratorPort ids,
            RelaySettings settings, dev.tollgate.application.account.query.UserDirectory users,
            RateLimiter rateLimiter, dev.tollgate.application.token.service.LastUsedTracker lastUsed,
            OrganizationDirectory organizations) {
        this.organizations = organizations;
        this.users = users;
        this.rateLimiter = rateLimiter;
        this.lastUsed = lastUsed;
        this.tokens = tokens;
        this.channels = channels;
        this.prices = prices;
        this.ledger = ledger;
        this.journal = journal;
        this.upstream = upstream;
        this.tokenCounter = tokenCounter;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
    }

    @Override
    public List<String> listModels(ApiCredentials credentials) {
        TokenRecord token = authenticate(credentials);
        OrganizationPolicy policy = organizations.policyOf(token.organizationId());
        return channels.models(token.organizationId(), token.group()).stream().filter(token::allowsModel)
                .filter(policy::allowsModel).toList();
    }

    @Override
    public KeyBalance balance(ApiCredentials credentials) {
        TokenRecord token = authenticate(credentials);
        return new KeyBalance(token.quota(), ledger.used(token.id()), token.unlimitedQuota(), token.expiresAt());
    }

    @Override
    public void relay(RelayCall call, RelaySink sink) {
        long started = System.nanoTime();
        TokenRecord token = authenticate(call.credentials());
        String model = call.model();
        requireModelAllowed(token, model);
        List<RoutableChannel> candidates = channels.candidates(token.organizationId(), token.group(), model);
        if (candidates.isEmpty()) {
            throw new RelayException(404, "invalid_request_error", "model_not_found",
                    "the model '" + model + "' does not exist or no channel serves it for this key");
        }
        Price price = prices.priceOf(model, token.group()).orElseThrow(() -> new RelayException(400, "invalid_request_error",
                "model_price_not_set", "the model '" + model + "' has no price yet; an administrator must set one "
                        + "(PUT /api/v1/prices/" + model + ") before it can be used"));

        String requestId = "req_" + ids.newId();
        RateLimiter.Permit permit = rateLimiter.admit(token, estimatedTokens(call));
        Admission admission;
        try {
            admission = admit(token, call, price, requestId);
        } catch (QuotaLedger.AllowanceUnavailableException e) {
            rateLimiter.release(permit);
            throw new RelayException(503, "server_error", "billing_unavailable", "the request was not sent: this "
                    + "server could not obtain its share of the key's quota (" + e.getCause().getMessage()
                    + "); try again shortly", 5L);
        } catch (RuntimeException e) {
            rateLimiter.release(permit); // not forwarded: it counts against no limit
            throw e;
        }
        Outcome outcome = new Outcome(o -> settle(token, call, price, admission, requestId, started, o, permit));
        try {
            recordReservation(token, model, requestId, admission.reservation());
            relay(call, sink, candidates, admission, outcome);
        } finally {
            outcome.settleOnce();
        }
    }

    @Override
    public long countTokens(RelayCall call) {
        TokenRecord token = authenticate(call.credentials());
        String model = call.model();
        requireModelAllowed(token, model);
        if (channels.candidates(token.organizationId(), token.group(), model).isEmpty()) {
            throw new RelayException(404, "invalid_request_error", "model_not_found",
                    "the model '" + model + "' does not exist or no channel serves it for this key");
        }
        long tokens = tokenCounter.countTokens(model, call.promptText().get());
        return Math.addExact(tokens, TokenEstimator.chatOverhead(call.messageCount()));
    }

    private void requireModelAllowed(TokenRecord token, String model) {
        if (!token.allowsModel(model)) {
            throw new RelayException(403, "invalid_request_error", "model_not_allowed",
                    "this key may not use the model '" + model + "'");
        }
        if (!organizations.policyOf(token.organizationId()).allowsModel(model)) {
            throw new RelayException(403, "invalid_request_error", "model_not_allowed",
                    "the key's organisation may not use the model '" + model + "'");
        }
    }

    /**
     * A key of a shared organisation works while the organisation is enabled, its holder is still a member, and its
     * group (unless the default one) is still granted to the organisation.
     */
    private void requireOrganization(TokenRecord token) {
        if (new OrganizationId(token.organizationId()).personal()) {
            return;
        }
        OrganizationDirectory.OrganizationRecord org = organizations.find(token.organizationId()).orElse(null);
        if (org == null || !org.enabled()) {
            throw RelayException.invalidApiKey("the API key's organisation is disabled");
        }
        if (!org.members().containsKey(token.ownerId())) {
            throw RelayException.invalidApiKey("the API key's holder is no longer a member of its organisation");
        }
        if (!DEFAULT_GROUP.equals(token.group())
                && !organizations.policyOf(token.organizationId()).groups().contains(token.group())) {
            throw new RelayException(403, "invalid_request_error", "group_not_granted", "the key's group '"
                    + token.group() + "' is no longer granted to its organisation; ask an administrator");
        }
    }

    private TokenRecord authenticate(ApiCredentials credentials) {
        String key = credentials.apiKey();
        if (key == null || key.isBlank()) {
            throw RelayException.invalidApiKey("no API key was given; send it as 'Authorization: Bearer sk-...'");
        }
        Optional<TokenRecord> found = tokens.findByKeyHash(ApiKeys.hash(key));
        if (found.isEmpty()) {
            throw RelayException.invalidApiKey("the API key is not valid");
        }
        TokenRecord token = found.get();
        if (token.status() != TokenStatus.ENABLED) {
            throw RelayException.invalidApiKey("the API key is disabled");
        }
        if (token.expiredAt(clock.now())) {
            throw RelayException.invalidApiKey("the API key has expired");
        }
        if (!users.active(token.ownerId())) {
            throw RelayException.invalidApiKey("the API key's owner is disabled or deleted");
        }
        requireOrganization(token);
        if (!token.allowsClient(credentials.clientAddress())) {
            throw new RelayException(403, "invalid_request_error", "ip_not_allowed", "this key may not be used "
                    + "from the address " + credentials.clientAddress() + "; it is limited to certain subnets");
        }
        lastUsed.used(token.id(), clock.now());
        return token;
    }

    /**
     * Records the quota held for the request (when anything was held) before the upstream call; in {@code sync}
     * durability waits until it is stored, and refuses the request (503, nothing forwarded) when the store cannot
     * confirm it in time.
     */
    private void recordReservation(TokenRecord token, String model, String requestId, Reservation reservation) {
        if (reservation.amount() <= 0) {
            return;
        }
        try {
            journal.recordReservation(new QuotaReservedEvent(requestId, token.id(), token.ownerId(), model,
                    reservation.amount(), journal.node(), clock.now(), token.organizationId()));
        } catch (BillingJournal.JournalUnavailableException e) {
            throw new RelayException(503, "server_error", "billing_unavailable", "the request was not sent: its "
                    + "quota reservation could not be recorded (" + e.getMessage() + "); try again shortly", 5L);
        }
    }

    /** The reservation and the output-token limit to send upstream (null: leave the client's). */
    private record Admission(Reservation reservation, Long maxTokensOverride, long promptUpperBound) {
    }

    /**
     * The most tokens a request can use as far as known before the call, for the TPM limits: the prompt's upper bound
     * plus, for endpoints that generate text, the client's output limit or the default one (the reservation may lower
     * the limit sent upstream; the difference goes back at settlement).
     */
    private long estimatedTokens(RelayCall call) {
        long prompt = TokenEstimator.promptUpperBound(call.promptBytes(), call.messageCount());
        if (!call.endpoint().generatesOutput()) {
            return prompt;
        }
        return saturatedAdd(prompt, call.maxTokens() != null ? call.maxTokens() : settings.defaultMaxTokens());
    }

    private Admission admit(TokenRecord token, RelayCall call, Price price, String requestId) {
        long promptBound = TokenEstimator.promptUpperBound(call.promptBytes(), call.messageCount());
        if (!call.endpoint().generatesOutput()) {
            return admitFixed(token, call, price, requestId, promptBound);
        }
        Long clientMax = call.maxTokens();
        long wanted = clientMax != null ? clientMax : settings.defaultMaxTokens();
        long available = ledger.available(token.id());
        if (available == Long.MAX_VALUE) {
            // neither the key nor its owner's wallet limits it
            Reservation r = ledger.reserve(token.id(), requestId, 0).orElseThrow();
            return new Admission(r, null, promptBound);
        }
        long affordable = price.affordableCompletionTokens(promptBound, available);
        if (affordable < 1) {
            throw RelayException.insufficientQuota("the key's quota or its owner's balance is used up (remaining "
                    + available + " units); ask an administrator for more");
        }
        long outputLimit = Math.min(wanted, affordable);
        Long override = clientMax != null && outputLimit >= clientMax ? null : outputLimit;
        long amount = price.cost(promptBound, outputLimit);
        Reservation reservation = ledger.reserve(token.id(), requestId, amount)
                .orElseThrow(() -> RelayException.insufficientQuota("the key's quota or its owner's balance is "
                        + "used up by requests in flight; try again when they finish"));
        return new Admission(reservation, override, promptBound);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Endpoints without an output limit to negotiate (embeddings, images, audio): the reservation is the request's
     * worst case, computed from what it asks for.
     */
    private Admission admitFixed(TokenRecord token, RelayCall call, Price price, String requestId,
            long promptBound) {
        long amount;
        try {
            amount = ledger.available(token.id()) == Long.MAX_VALUE ? 0 : worstCase(call, price, promptBound);
        } catch (ArithmeticException e) {
            throw RelayException.insufficientQuota("this request could cost more than any quota can cover");
        }
        Reservation reservation = ledger.reserve(token.id(), requestId, amount)
                .orElseThrow(() -> RelayException.insufficientQuota("the key's quota (remaining "
                        + ledger.available(token.id()) + " units) does not cover this request (up to " + amount
                        + " units)"));
        return new Admission(reservation, null, promptBound);
    }

    /** Output tokens of one image from a token-billed image model, at most (gpt-image-1, 1536×1024, high). */
    static final long IMAGE_OUTPUT_TOKENS_BOUND = 6_240;
    /** Audio input tokens per second of speech, at most, for token-billed transcription models. */
    static final long AUDIO_INPUT_TOKENS_PER_SECOND_BOUND = 25;
    /** Transcript tokens per second of speech, at most (fast speech is about 4). */
    static final long TRANSCRIPT_TOKENS_PER_SECOND_BOUND = 8;

    /** The most a request of a fixed-price endpoint can cost; see docs/providers.md "Billing by endpoint". */
    static long worstCase(RelayCall call, Price price, long promptBound) {
        RelayEndpoint endpoint = call.endpoint();
        if (endpoint.images()) {
            long n = Math.max(1, call.units());
            long output = price.outputPerMillion() > 0 ? Math.multiplyExact(n, IMAGE_OUTPUT_TOKENS_BOUND) : 0;
            return price.cost(promptBound, output, n, 0);
        }
        if (endpoint == RelayEndpoint.AUDIO_SPEECH) {
            return price.cost(call.units(), 0, 0, 0);
        }
        if (endpoint.transcription()) {
            long seconds = Math.max(1, call.units());
            return price.cost(Math.addExact(promptBound, Math.multiplyExact(seconds,
                    AUDIO_INPUT_TOKENS_PER_SECOND_BOUND)), Math.multiplyExact(seconds,
                    TRANSCRIPT_TOKENS_PER_SECOND_BOUND), 0, seconds);
        }
        return price.cost(promptBound, 0);
    }

    /**
     * What happened, filled in as the relay goes. Settled exactly once: before the last byte of a successful answer
     * is written (so a client that reads its balance right after sees the charge), or at the end otherwise.
     */
    private static final class Outcome {
        private final java.util.function.Consumer<Outcome> settlement;
        private boolean settled;
        RoutableChannel channel;
        String upstreamModel;
        int upstreamStatus;
        boolean delivered;
        Usage usage;
        long images;
        long audioSeconds;
        int attempts;
        final StringBuilder text = new StringBuilder();
        String result = "failed";

        Outcome(java.util.function.Consumer<Outcome> settlement) {
            this.settlement = settlement;
        }

        void settleOnce() {
            if (!settled) {
                settled = true;
                settlement.accept(this);
            }
        }
    }

    private void relay(RelayCall call, RelaySink sink, List<RoutableChannel> candidates, Admission admission,
            Outcome outcome) {
        Set<String> tried = new HashSet<>();
        Set<String> triedKeys = new HashSet<>();
        Failure lastFailure = null;
        int attempts = settings.maxRetries() + 1;
        int attempted = 0;
        while (attempted < attempts) {
            RoutableChannel channel = pick(candidates, tried, this::breakerAdmits);
            if (channel == null) {
                break;
            }
            tried.add(channel.id());
            CircuitBreaker breaker = breaker(channel);
            KeyChoice key = pickKey(channel, triedKeys);
            if (key == null) {
                // every upstream key of this channel is paused: not an attempt, try another channel
                breaker.onNeutral();
                channel.release();
                continue;
            }
            attempted++;
            outcome.attempts = attempted;
            boolean verdict = false;
            try {
                lastFailure = attempt(call, sink, channel, key.key(), admission, outcome);
                judge(channel, breaker, key, lastFailure);
                verdict = true;
            } finally {
                if (!verdict) {
                    breaker.onNeutral();
                    key.breaker().onNeutral();
                }
                channel.release();
            }
            if (lastFailure == null) {
                return;
            }
            if (lastFailure.scope() == Scope.KEY || lastFailure.scope() == Scope.KEY_REJECTED) {
                // the key failed, not the channel: its other keys may still serve the request
                triedKeys.add(channel.id() + "#" + key.index());
                tried.remove(channel.id());
            }
            metrics.attemptFailed(call.model(), channel.id(), lastFailure.reason(), attempted < attempts);
            log.debug("attempt on channel {} failed: {}", channel.id(), lastFailure.message());
        }
        if (lastFailure == null) {
            if (candidates.stream().anyMatch(RoutableChannel::saturated)) {
                throw new RelayException(429, "rate_limit_exceeded", "rate_limit_exceeded",
                        "every channel serving '" + call.model() + "' is at its concurrency limit; retry shortly", 1L);
            }
            throw new RelayException(503, "upstream_error", "no_available_channel",
                    "every channel serving '" + call.model() + "' is failing and paused; retry shortly",
                    settings.breakerOpen().toSeconds());
        }
        throw lastFailure.toException();
    }

    /**
     * Who an attempt's result counts against. A dead connection, a time-out or a 5xx is the channel's (its endpoint
     * is shared by all its keys); a 429 is the key's (rate limits are per upstream account); a 401/402/403 rejects
     * the key: it is paused, and the channel is disabled only when none of its keys is left.
     */
    private void judge(RoutableChannel channel, CircuitBreaker breaker, KeyChoice key, Failure failure) {
        if (failure == null) {
            breaker.onSuccess();
            key.breaker().onSuccess();
            return;
        }
        switch (failure.scope()) {
            case CHANNEL -> {
                breaker.onFailure(System.nanoTime());
                key.breaker().onNeutral();
            }
            case KEY -> {
                breaker.onNeutral();
                key.breaker().onFailure(System.nanoTime());
            }
            case KEY_REJECTED -> {
                breaker.onNeutral();
                long now = System.nanoTime();
                key.breaker().openFor(now, settings.rejectedKeyPause().toNanos());
                if (noKeyLeft(channel, now)) {
                    health.rejectedByUpstream(channel.id(), outcomeStatus(failure));
                }
            }
            case NONE -> {
                breaker.onNeutral();
                key.breaker().onNeutral();
            }
        }
    }

    private static int outcomeStatus(Failure failure) {
        return failure.upstreamStatus();
    }

    private boolean noKeyLeft(RoutableChannel channel, long now) {
        for (int i = 0; i < channel.keyCount(); i++) {
            if (keyBreaker(channel, i).mayPass(now)) {
                return false;
            }
        }
        return true;
    }

    /** An upstream key of a channel and its own circuit breaker. */
    private record KeyChoice(int index, String key, CircuitBreaker breaker) {
        @Override
        public String toString() {
            return "KeyChoice[index=" + index + "]";
        }
    }

    /**
     * The channel's next key in turn, not yet tried for this request, whose breaker lets a request through; null when
     * there is none.
     */
    private KeyChoice pickKey(RoutableChannel channel, Set<String> triedKeys) {
        int count = channel.keyCount();
        int start = channel.nextKeyIndex();
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = Math.floorMod(start + i, count);
            if (triedKeys.contains(channel.id() + "#" + index)) {
                continue;
            }
            CircuitBreaker b = keyBreaker(channel, index);
            if (b.tryPass(now)) {
                return new KeyChoice(index, channel.key(index), b);
            }
        }
        return null;
    }

    /** Keyed by the channel, the key's position and a fingerprint of the key, so a replaced key starts afresh. */
    private CircuitBreaker keyBreaker(RoutableChannel channel, int index) {
        String id = channel.id() + "#" + index + "#" + Integer.toHexString(channel.key(index).hashCode());
        return keyBreakers.computeIfAbsent(id, k -> {
            CircuitBreaker b = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpen().toNanos());
            metrics.breaker("key", channel.id(), index, () -> b.state().ordinal());
            return b;
        });
    }

    /**
     * Why an attempt failed before the first byte: the client's error if no other channel serves, whom it counts
     * against ({@code scope}), the metric's {@code reason} and the upstream status (0 when none arrived).
     */
    private record Failure(int status, String type, String code, String message, Scope scope, String reason,
            int upstreamStatus) {
        RelayException toException() {
            return new RelayException(status, type, code, message);
        }
    }

    /** Whom a failed attempt counts against (see {@link #judge}). */
    private enum Scope { CHANNEL, KEY, KEY_REJECTED, NONE }

    private static Failure channelFailure(int status, String code, String message, String reason, int upstream) {
        return new Failure(status, "upstream_error", code, message, Scope.CHANNEL, reason, upstream);
    }

    private CircuitBreaker breaker(RoutableChannel channel) {
        return breakers.computeIfAbsent(channel.id(), id -> {
            CircuitBreaker b = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpen().toNanos());
            metrics.breaker("channel", id, -1, () -> b.state().ordinal());
            return b;
        });
    }

    /** Considers the channel's breaker; {@code claim} takes the half-open probe slot when it is the one chosen. */
    private boolean breakerAdmits(RoutableChannel channel, boolean claim) {
        CircuitBreaker breaker = breaker(channel);
        long now = System.nanoTime();
        return claim ? breaker.tryPass(now) : breaker.mayPass(now);
    }

    /** The circuit breaker gate of the router. */
    @FunctionalInterface
    interface Gate {
        boolean admits(RoutableChannel channel, boolean claim);

        Gate OPEN = (channel, claim) -> true;
    }

    /** One attempt: null when the answer was delivered, else why it failed (before the first byte). */
    private Failure attempt(RelayCall call, RelaySink sink, RoutableChannel channel, String apiKey,
            Admission admission, Outcome outcome) {
        String upstreamModel = channel.upstreamModel(call.model());
        // Responses streams always end with their usage (response.completed); chat streams must be asked for it
        boolean forceUsage = call.stream() && !call.clientIncludeUsage()
                && call.endpoint() != RelayEndpoint.RESPONSES;
        Duration firstByteTimeout = ChannelOptions.timeout(channel.options(), ChannelOptions.FIRST_BYTE_TIMEOUT)
                .orElse(settings.firstByteTimeout());
        UpstreamChatRequest request = new UpstreamChatRequest(call.endpoint(), admission.reservation().requestId(),
                new UpstreamTarget(channel.id(), channel.type(), channel.baseUrl(), apiKey, channel.options()),
                call.body(), call.model(), upstreamModel, call.stream(), forceUsage, admission.maxTokensOverride(),
                firstByteTimeout, call.contentType(), call.nativeRequest());
        outcome.channel = channel;
        outcome.upstreamModel = upstreamModel;
        UpstreamChatResponse response;
        try {
            response = upstream.send(request);
        } catch (UpstreamException e) {
            outcome.upstreamStatus = 0;
            if (e.kind() == UpstreamException.Kind.REFUSED) {
                // the request cannot go to this kind of channel: not the channel's fault; another may take it,
                // else the client learns why
                return new Failure(400, "invalid_request_error", "invalid_request", e.getMessage(), Scope.NONE,
                        "refused_request", 0);
            }
            return e.kind() == UpstreamException.Kind.TIMEOUT
                    ? channelFailure(504, "upstream_timeout", "the upstream did not answer in time", "timeout", 0)
                    : channelFailure(502, "upstream_error", "the upstream could not be reached", "connect", 0);
        }
        try (response) {
            int status = response.status();
            outcome.upstreamStatus = status;
            if (ChannelHealthService.rejectsTheChannel(status)) {
                return new Failure(502, "upstream_error", "upstream_error",
                        "the upstream rejected the channel's credentials (" + status + ")", Scope.KEY_REJECTED,
                        "rejected", status);
            }
            if (status == 429) {
                return new Failure(502, "upstream_error", "upstream_error", "the upstream is rate limiting (429)",
                        Scope.KEY, "status_429", status);
            }
            if (status >= 500 || (status >= 200 && status < 300 && call.stream() && !response.streaming())) {
                return channelFailure(502, "upstream_error", "the upstream failed with status " + status,
                        status >= 500 ? "status_5xx" : "broken", status);
            }
            if (status < 200 || status >= 300) {
                throw new UpstreamErrorPassthrough(status, readError(response));
            }
            if (call.endpoint() == RelayEndpoint.AUDIO_SPEECH) {
                return binary(sink, response, outcome);
            }
            if (!call.stream()) {
                CompletedChat chat;
                try {
                    chat = response.completed();
                } catch (UpstreamException e) {
                    return e.kind() == UpstreamException.Kind.TIMEOUT
                            ? channelFailure(504, "upstream_timeout", "the upstream did not finish its answer in time",
                                    "timeout", status)
                            : channelFailure(502, "upstream_error", "the upstream's answer could not be read",
                                    "broken", status);
                }
                outcome.usage = chat.usage();
                outcome.text.append(chat.text());
                outcome.images = chat.images();
                outcome.audioSeconds = chat.audioSeconds();
                outcome.delivered = true;
                outcome.result = "succeeded";
                outcome.settleOnce();
                String type = chat.contentType();
                if (chat.nativeFormat()) {
                    sink.sendBody(200, "application/json", chat.body()); // the client's own protocol: unconverted
                } else if (type == null || type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                    sink.sendJson(200, chat.body());
                } else {
                    sink.sendBody(200, type, chat.body());
                }
                return null;
            }
            return stream(call, sink, response, outcome);
        }
    }

    /**
     * A binary answer (speech audio), passed on piece by piece as it arrives. Once the first piece went out the
     * answer is delivered: the characters spoken are charged even if the audio breaks off later.
     */
    private Failure binary(RelaySink sink, UpstreamChatResponse response, Outcome outcome) {
        byte[] piece;
        try {
            piece = response.nextBytes();
        } catch (UpstreamException e) {
            return e.kind() == UpstreamException.Kind.TIMEOUT
                    ? channelFailure(504, "upstream_timeout", "the upstream did not answer in time", "timeout", 200)
                    : channelFailure(502, "upstream_error", "the upstream's audio broke at once", "broken", 200);
        }
        if (piece == null) {
            return channelFailure(502, "upstream_error", "the upstream sent no audio", "broken", 200);
        }
        sink.startBinary(response.contentType());
        outcome.delivered = true;
        outcome.result = "interrupted";
        try {
            while (piece != null) {
                sink.sendBytes(piece);
                piece = response.nextBytes();
            }
            outcome.result = "succeeded";
        } catch (UpstreamException e) {
            log.debug("the upstream's audio broke off: {}", e.getMessage());
        } catch (ClientGoneException e) {
            log.debug("client went away during audio");
        }
        return null;
    }

    private static byte[] readError(UpstreamChatResponse response) {
        try {
            return response.errorBody();
        } catch (UpstreamException e) {
            return ("{\"error\":{\"message\":\"the upstream refused the request\",\"type\":\"upstream_error\","
                    + "\"param\":null,\"code\":\"upstream_error\"}}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Streams the answer; a failure before the first event is a failed attempt (another channel may serve). */
    private Failure stream(RelayCall call, RelaySink sink, UpstreamChatResponse response, Outcome outcome) {
        StreamChunk first;
        try {
            // comments before the first event are not passed on: the answer has not started, so another channel
            // may still take over if this one fails
            do {
                first = response.nextChunk();
            } while (first != null && first.comment());
        } catch (UpstreamException e) {
            return e.kind() == UpstreamException.Kind.TIMEOUT
                    ? channelFailure(504, "upstream_timeout", "the upstream did not answer in time", "timeout", 200)
                    : channelFailure(502, "upstream_error", "the upstream's stream broke at once", "broken", 200);
        }
        if (first == null) {
            return channelFailure(502, "upstream_error", "the upstream sent an empty stream", "broken", 200);
        }
        sink.startStream();
        outcome.delivered = true;
        outcome.result = "interrupted";
        try {
            StreamChunk chunk = first;
            while (chunk != null) {
                if (chunk.usage() != null) {
                    outcome.usage = chunk.usage();
                }
                outcome.text.append(chunk.text());
                if (chunk.comment()) {
                    sink.sendComment(chunk.data());
                } else if (chunk.event() != null) {
                    sink.sendNamedEvent(chunk.event(), chunk.data());
                } else if (!chunk.usageOnly() || call.clientIncludeUsage()) {
                    sink.sendEvent(chunk.data());
                }
                chunk = response.nextChunk();
            }
            outcome.result = "succeeded";
            outcome.settleOnce();
            if (call.endpoint().streamEndsWithDone()) {
                sink.sendDone();
            }
        } catch (UpstreamException e) {
            if (call.endpoint() == RelayEndpoint.RESPONSES) {
                sink.sendNamedEvent("error", responsesErrorEvent(e));
            } else {
                sink.sendEvent(errorEvent(e));
            }
        } catch (ClientGoneException e) {
            log.debug("client went away during a stream");
        }
        return null;
    }

    /** The Responses API's stream error event: {@code {"type":"error","code","message","param"}}. */
    private static byte[] responsesErrorEvent(UpstreamException e) {
        String code = e.kind() == UpstreamException.Kind.TIMEOUT ? "upstream_timeout" : "upstream_error";
        return ("{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":\"the upstream stream broke before the "
                + "answer was complete\",\"param\":null}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] errorEvent(UpstreamException e) {
        String code = e.kind() == UpstreamException.Kind.TIMEOUT ? "upstream_timeout" : "upstream_error";
        String message = e.kind() == UpstreamException.Kind.TIMEOUT
                ? "the upstream stopped sending before the answer was complete"
                : "the upstream stream broke before the answer was complete";
        return ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"upstream_error\",\"param\":null,\"code\":\""
                + code + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Highest priority tier first; inside a tier, weighted random among channels not yet tried, not saturated and
     * admitted by their circuit breaker. Takes an in-flight slot (and, for a half-open breaker, the probe slot) on
     * the channel returned.
     */
    static RoutableChannel pick(List<RoutableChannel> candidates, Set<String> tried) {
        return pick(candidates, tried, Gate.OPEN);
    }

    static RoutableChannel pick(List<RoutableChannel> candidates, Set<String> tried, Gate gate) {
        int i = 0;
        while (i < candidates.size()) {
            int priority = candidates.get(i).priority();
            List<RoutableChannel> tier = new ArrayList<>();
            while (i < candidates.size() && candidates.get(i).priority() == priority) {
                RoutableChannel c = candidates.get(i++);
                if (!tried.contains(c.id()) && !c.saturated() && gate.admits(c, false)) {
                    tier.add(c);
                }
            }
            while (!tier.isEmpty()) {
                RoutableChannel chosen = weighted(tier);
                if (chosen.tryAcquire()) {
                    if (gate.admits(chosen, true)) {
                        return chosen;
                    }
                    chosen.release();
                }
                tier.remove(chosen);
            }
        }
        return null;
    }

    private static RoutableChannel weighted(List<RoutableChannel> tier) {
        long total = 0;
        for (RoutableChannel c : tier) {
            total += c.weight();
        }
        if (total <= 0) {
            return tier.get(ThreadLocalRandom.current().nextInt(tier.size()));
        }
        long r = ThreadLocalRandom.current().nextLong(total);
        for (RoutableChannel c : tier) {
            r -= c.weight();
            if (r < 0) {
                return c;
            }
        }
        return tier.get(tier.size() - 1);
    }

    private void settle(TokenRecord token, RelayCall call, Price price, Admission admission, String requestId,
            long started, Outcome outcome, RateLimiter.Permit permit) {
        long promptTokens = 0;
        long completionTokens = 0;
        long cachedTokens = 0;
        long reasoningTokens = 0;
        long images = 0;
        long audioSeconds = 0;
        long cost = 0;
        if (outcome.delivered) {
            if (call.endpoint() == RelayEndpoint.AUDIO_SPEECH) {
                promptTokens = call.units(); // characters spoken: speech is priced per input character
            } else if (outcome.usage != null) {
                promptTokens = outcome.usage.promptTokens();
                completionTokens = outcome.usage.completionTokens();
                cachedTokens = outcome.usage.cachedPromptTokens();
                reasoningTokens = outcome.usage.reasoningTokens();
                audioSeconds = outcome.usage.audioSeconds();
            } else {
                promptTokens = tokenCounter.countTokens(call.model(), call.promptText().get());
                if (call.endpoint() == RelayEndpoint.CHAT_COMPLETIONS) {
                    promptTokens = Math.addExact(promptTokens, TokenEstimator.chatOverhead(call.messageCount()));
                }
                completionTokens = tokenCounter.countTokens(call.model(), outcome.text.toString());
            }
            images = call.endpoint().images() ? outcome.images : 0;
            if (call.endpoint().transcription() && audioSeconds == 0) {
                audioSeconds = outcome.audioSeconds;
            }
            try {
                cost = price.cost(promptTokens, cachedTokens, completionTokens, images, audioSeconds);
            } catch (ArithmeticException e) {
                cost = Long.MAX_VALUE;
            }
        }
        long charged = ledger.settle(admission.reservation(), cost);
        rateLimiter.settle(permit, saturatedAdd(promptTokens, completionTokens));
        long latencyMillis = (System.nanoTime() - started) / 1_000_000;
        RoutableChannel channel = outcome.channel;
        RequestSettledEvent settled = new RequestSettledEvent(requestId, token.id(), token.ownerId(), call.model(),
                outcome.upstreamModel, channel == null ? null : channel.id(), promptTokens, completionTokens,
                charged, latencyMillis, outcome.upstreamStatus, outcome.result, call.stream(), Instant.now(),
                cachedTokens, reasoningTokens, images, audioSeconds, outcome.attempts,
                admission.reservation().amount(), token.organizationId());
        journal.record(settled);
        metrics.settled(settled);
    }
}
