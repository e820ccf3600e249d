package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.Admission;
import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.billing.port.in.MeteringRefusal;
import dev.tollgate.application.billing.port.in.MeteringRequest;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.relay.port.in.KeyBalance;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelaySink;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.application.relay.port.out.RelayTracingPort;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.token.port.in.TokenRecord;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.domain.organization.OrganizationPolicy;
import java.util.List;

/**
 * The relay's hot path, in order: who calls ({@link KeyAuthenticator}), which channels serve the model, the rate
 * limits ({@link RateLimiter}), the request's admission by billing ({@link MeteringUseCase}: its worst case held), the
 * attempts with failover ({@link FailoverRelay}), and the settlement with what the request used, measured here
 * (the provider's usage, or counted when it reported none) and priced by billing. Everything it reads is in memory;
 * billing stores its records in batches off the request thread.
 */
public class RelayService implements RelayUseCase {
    private final KeyAuthenticator keys;
    private final ChannelDirectory channels;
    private final OrganizationDirectory organizations;
    private final RateLimiter rateLimiter;
    private final MeteringUseCase metering;
    private final FailoverRelay failover;
    private final TokenCounterPort tokenCounter;
    private final RelayMetricsPort metrics;
    private final IdGeneratorPort ids;
    private final RelaySettings settings;
    private final RelayTracingPort tracing;

    public RelayService(
            KeyAuthenticator keys,
            ChannelDirectory channels,
            OrganizationDirectory organizations,
            RateLimiter rateLimiter,
            MeteringUseCase metering,
            FailoverRelay failover,
            TokenCounterPort tokenCounter,
            RelayMetricsPort metrics,
            IdGeneratorPort ids,
            RelaySettings settings,
            RelayTracingPort tracing) {
        this.keys = keys;
        this.channels = channels;
        this.organizations = organizations;
        this.rateLimiter = rateLimiter;
        this.metering = metering;
        this.failover = failover;
        this.tokenCounter = tokenCounter;
        this.metrics = metrics;
        this.ids = ids;
        this.settings = settings;
        this.tracing = tracing;
    }

    @Override
    public List<String> listModels(ApiCredentials credentials) {
        TokenRecord token = keys.authenticate(credentials);
        OrganizationPolicy policy = organizations.policyOf(token.organizationId());
        return channels.models(token.organizationId(), token.group()).stream()
                .filter(token::allowsModel)
                .filter(policy::allowsModel)
                .toList();
    }

    @Override
    public KeyBalance balance(ApiCredentials credentials) {
        TokenRecord token = keys.authenticate(credentials);
        return new KeyBalance(token.quota(), metering.spent(token.id()), token.unlimitedQuota(), token.expiresAt());
    }

    @Override
    public AuthenticatedKey authenticate(ApiCredentials credentials) {
        try {
            return new AuthenticatedKey(keys.authenticate(credentials));
        } catch (RelayException e) {
            metrics.refused(e.status(), e.code());
            throw e;
        }
    }

    @Override
    public void relay(AuthenticatedKey caller, RelayCall call, RelaySink sink) {
        try (RelayTracingPort span = tracing.start("tollgate.relay")) {
            span.tag("tollgate.endpoint", call.endpoint().path())
                    .tag("tollgate.model", call.model())
                    .tag("tollgate.token.id", caller.key().id())
                    .tag("tollgate.organization.id", caller.key().organizationId());
            relay(caller, call, sink, span);
        } catch (RelayException e) {
            metrics.refused(e.status(), e.code());
            throw e;
        }
    }

    private void relay(AuthenticatedKey caller, RelayCall call, RelaySink sink, RelayTracingPort span) {
        long started = System.nanoTime();
        TokenRecord token = caller.key();
        String model = call.model();
        List<RoutableChannel> candidates = servingChannels(token, model);
        try {
            metering.requirePrice(model, token.group());
        } catch (MeteringRefusal e) {
            throw refused(e);
        }
        String requestId = "req_" + ids.newId();
        RateLimiter.Permit permit = rateLimiter.admit(token, estimatedTokens(call));
        Admission admission;
        try {
            admission = metering.admit(meteringRequest(token, call, requestId));
        } catch (MeteringRefusal e) {
            rateLimiter.release(permit); // not forwarded: it counts against no limit
            throw refused(e);
        } catch (RuntimeException e) {
            rateLimiter.release(permit);
            throw e;
        }
        span.tag("tollgate.request.id", admission.requestId());
        RelayOutcome outcome =
                new RelayOutcome(o -> settle(call, admission, started, o, permit, token.organizationId()));
        outcome.span = span;
        try {
            failover.relay(call, sink, candidates, admission, outcome, token.group());
        } finally {
            outcome.settleOnce();
            span.tag("tollgate.outcome", outcome.result).tag("tollgate.attempts", outcome.attempts);
        }
    }

    @Override
    public long countTokens(AuthenticatedKey caller, RelayCall call) {
        TokenRecord token = caller.key();
        String model = call.model();
        servingChannels(token, model);
        long tokens = tokenCounter.countTokens(model, call.promptText().get());
        return Math.addExact(tokens, TokenEstimator.chatOverhead(call.messageCount()));
    }

    /** The channels that serve the model for the key (403 when the key may not use it, 404 when none serves it). */
    private List<RoutableChannel> servingChannels(TokenRecord token, String model) {
        keys.requireModelAllowed(token, model);
        List<RoutableChannel> candidates = channels.candidates(token.organizationId(), token.group(), model);
        if (candidates.isEmpty()) {
            throw new RelayException(
                    404,
                    "invalid_request_error",
                    "model_not_found",
                    "the model '" + model + "' does not exist or no channel serves it for this key");
        }
        return candidates;
    }

    private static RelayException refused(MeteringRefusal e) {
        return switch (e.reason()) {
            case PRICE_NOT_SET ->
                new RelayException(400, "invalid_request_error", "model_price_not_set", e.getMessage());
            case INSUFFICIENT_QUOTA -> RelayException.insufficientQuota(e.getMessage());
            case BILLING_UNAVAILABLE ->
                new RelayException(503, "server_error", "billing_unavailable", e.getMessage(), 5L);
        };
    }

    private MeteringRequest meteringRequest(TokenRecord token, RelayCall call, String requestId) {
        RelayEndpoint endpoint = call.endpoint();
        MeteringRequest.Kind kind = endpoint.images()
                ? MeteringRequest.Kind.IMAGES
                : endpoint == RelayEndpoint.AUDIO_SPEECH
                        ? MeteringRequest.Kind.SPEECH
                        : endpoint.transcription()
                                ? MeteringRequest.Kind.TRANSCRIPTION
                                : endpoint.generatesOutput()
                                        ? MeteringRequest.Kind.GENERATION
                                        : MeteringRequest.Kind.INPUT;
        Long clientMax = call.maxTokens();
        return new MeteringRequest(
                requestId,
                token.id(),
                token.ownerId(),
                token.organizationId(),
                token.group(),
                call.model(),
                kind,
                TokenEstimator.promptUpperBound(call.promptBytes(), call.messageCount()),
                clientMax != null ? clientMax : settings.defaultMaxTokens(),
                clientMax != null,
                call.units());
    }

    /**
     * The most tokens a request can use as far as known before the call, for the TPM limits: the prompt's upper bound
     * plus, for endpoints that generate text, the client's output limit or the default one (the admission may lower
     * the limit sent upstream; the difference goes back at settlement).
     */
    private long estimatedTokens(RelayCall call) {
        long prompt = TokenEstimator.promptUpperBound(call.promptBytes(), call.messageCount());
        if (!call.endpoint().generatesOutput()) {
            return prompt;
        }
        long perChoice = call.maxTokens() != null ? call.maxTokens() : settings.defaultMaxTokens();
        return saturatedAdd(prompt, saturatedMultiply(perChoice, Math.max(1, call.units())));
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Measures what the request used (the provider's usage, or counted from the text) and has billing settle it. */
    private void settle(
            RelayCall call,
            Admission admission,
            long started,
            RelayOutcome outcome,
            RateLimiter.Permit permit,
            String organizationId) {
        long promptTokens = 0;
        long completionTokens = 0;
        long cachedTokens = 0;
        long cacheWriteTokens = 0;
        long reasoningTokens = 0;
        long images = 0;
        long audioSeconds = 0;
        if (outcome.delivered) {
            if (call.endpoint() == RelayEndpoint.AUDIO_SPEECH) {
                promptTokens = call.units(); // characters spoken: speech is priced per input character
            } else if (outcome.usage != null) {
                promptTokens = outcome.usage.promptTokens();
                completionTokens = outcome.usage.completionTokens();
                cachedTokens = outcome.usage.cachedPromptTokens();
                cacheWriteTokens = outcome.usage.cacheWriteTokens();
                reasoningTokens = outcome.usage.reasoningTokens();
                audioSeconds = outcome.usage.audioSeconds();
            } else {
                promptTokens =
                        tokenCounter.countTokens(call.model(), call.promptText().get());
                if (call.endpoint() == RelayEndpoint.CHAT_COMPLETIONS) {
                    promptTokens = Math.addExact(promptTokens, TokenEstimator.chatOverhead(call.messageCount()));
                }
                completionTokens = tokenCounter.countTokens(call.model(), outcome.text.toString());
            }
            images = call.endpoint().images() ? outcome.images : 0;
            if (call.endpoint().transcription() && audioSeconds == 0) {
                audioSeconds = outcome.audioSeconds;
            }
        }
        RoutableChannel channel = outcome.channel;
        MeteredUsage usage = new MeteredUsage(
                call.model(),
                outcome.upstreamModel,
                channel == null ? null : channel.id(),
                outcome.upstreamStatus,
                outcome.result,
                outcome.delivered,
                call.stream(),
                promptTokens,
                cachedTokens,
                completionTokens,
                reasoningTokens,
                images,
                audioSeconds,
                outcome.attempts,
                (System.nanoTime() - started) / 1_000_000,
                cacheWriteTokens);
        long charged;
        try (RelayTracingPort span = outcome.span.start("tollgate.relay.settle")) {
            charged = metering.settle(admission, usage);
            span.tag("tollgate.outcome", outcome.result)
                    .tag("tollgate.tokens.prompt", promptTokens)
                    .tag("tollgate.tokens.completion", completionTokens)
                    .tag("tollgate.charged.units", charged);
        }
        rateLimiter.settle(permit, saturatedAdd(promptTokens, completionTokens));
        metrics.settled(usage, charged);
        metrics.organizationCharged(organizationId, charged);
        if (outcome.firstByteAt != 0) {
            metrics.firstByte(call.model(), usage.channelId(), outcome.firstByteAt - started);
        }
    }
}
