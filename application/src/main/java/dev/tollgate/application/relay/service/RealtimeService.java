package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.MeteringRefusal;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.relay.port.in.RealtimeSessionUseCase;
import dev.tollgate.application.relay.port.in.RealtimeUseCase;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.out.RealtimeConnectException;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamPort;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamSessionPort;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.token.port.in.TokenRecord;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens realtime sessions: the checks a relayed request gets (model allowed, served, priced), the session limits per
 * key and per organisation, and the upstream session on an OpenAI or Azure OpenAI channel (priority, weight, circuit
 * breakers and {@code maxConcurrency} as for any request: a session holds one in-flight slot of its channel while it
 * lasts). What happens inside a session is {@link RealtimeSessionService}'s; metering each response, against billing
 * and the key's and its owner's RPM/TPM limits ({@link RateLimiter}), {@link RealtimeResponseMeter}'s.
 */
public class RealtimeService implements RealtimeUseCase {
    private static final Logger log = LoggerFactory.getLogger(RealtimeService.class);
    /** Channel types that speak OpenAI's realtime protocol. */
    static final Set<String> REALTIME_TYPES = Set.of("openai", "azure");

    private final KeyAuthenticator keys;
    private final ChannelDirectory channels;
    private final ChannelRouter router;
    private final MeteringUseCase metering;
    private final RealtimeUpstreamPort upstream;
    private final RealtimeServices sessionServices;
    private final RealtimeSettings settings;
    private final Set<RealtimeSessionService> sessions = ConcurrentHashMap.newKeySet();
    private final SessionCounter perKey = new SessionCounter();
    private final SessionCounter perOrganization = new SessionCounter();

    public RealtimeService(
            KeyAuthenticator keys,
            ChannelDirectory channels,
            ChannelRouter router,
            MeteringUseCase metering,
            RateLimiter rateLimiter,
            RealtimeUpstreamPort upstream,
            TokenCounterPort tokenCounter,
            IdGeneratorPort ids,
            RealtimeSettings settings) {
        this.keys = keys;
        this.channels = channels;
        this.router = router;
        this.metering = metering;
        this.upstream = upstream;
        this.sessionServices = new RealtimeServices(metering, rateLimiter, tokenCounter, ids);
        this.settings = settings;
    }

    @Override
    public RealtimeSessionUseCase open(AuthenticatedKey caller, String model, String openAiBeta) {
        TokenRecord token = caller.key();
        if (model == null || model.isBlank()) {
            throw new RelayException(
                    400,
                    "invalid_request_error",
                    "missing_model",
                    "the realtime model is missing: connect to /v1/realtime?model=<model>");
        }
        keys.requireModelAllowed(token, model);
        List<RoutableChannel> candidates = channels.candidates(token.organizationId(), token.group(), model).stream()
                .filter(c -> REALTIME_TYPES.contains(c.type()))
                .toList();
        if (candidates.isEmpty()) {
            throw new RelayException(
                    404,
                    "invalid_request_error",
                    "model_not_found",
                    "the model '" + model
                            + "' does not exist or no OpenAI or Azure OpenAI channel serves it for this key");
        }
        try {
            metering.requirePrice(model, token.group());
            metering.requirePrice(RealtimeSettings.audioPriceOf(model), token.group());
        } catch (MeteringRefusal e) {
            throw new RelayException(
                    400,
                    "invalid_request_error",
                    "model_price_not_set",
                    e.getMessage()
                            + " (a realtime model needs a price for its text tokens, '" + model
                            + "', and for its audio "
                            + "tokens, '" + RealtimeSettings.audioPriceOf(model) + "')");
        }
        if (!perKey.tryAcquire(token.id(), settings.maxSessionsPerKey())) {
            throw tooManySessions("this key has " + settings.maxSessionsPerKey() + " realtime sessions open, its "
                    + "limit; close one first");
        }
        if (!perOrganization.tryAcquire(token.organizationId(), settings.maxSessionsPerOrganization())) {
            perKey.release(token.id());
            throw tooManySessions("the key's organisation has " + settings.maxSessionsPerOrganization()
                    + " realtime sessions open, its limit; close one first");
        }
        try {
            return connect(token, model, openAiBeta, candidates);
        } catch (RuntimeException e) {
            perKey.release(token.id());
            perOrganization.release(token.organizationId());
            throw e;
        }
    }

    private static RelayException tooManySessions(String message) {
        return new RelayException(429, "rate_limit_error", "too_many_sessions", message, 1L);
    }

    /** The upstream session on the first channel that accepts it; failover as for a request before its first byte. */
    private RealtimeSessionService connect(
            TokenRecord token, String model, String openAiBeta, List<RoutableChannel> candidates) {
        Set<String> tried = new HashSet<>();
        Set<String> triedKeys = new HashSet<>();
        RealtimeConnectException last = null;
        while (true) {
            RoutableChannel channel = router.next(candidates, tried, router.strategyFor(token.group(), model));
            if (channel == null) {
                break;
            }
            ChannelRouter.KeyChoice key = router.pickKey(channel, triedKeys);
            if (key == null) {
                tried.add(channel.id());
                channel.release();
                continue;
            }
            triedKeys.add(channel.id() + "#" + key.index());
            String upstreamModel = channel.upstreamModel(model);
            RealtimeSessionService session = new RealtimeSessionService(
                    this,
                    token,
                    new RealtimeResponseMeter(token, model, upstreamModel, channel.id(), sessionServices, settings),
                    settings);
            try {
                RealtimeUpstreamSessionPort connection = upstream.connect(
                        new UpstreamTarget(
                                channel.id(), channel.type(), channel.baseUrl(), key.key(), channel.options()),
                        upstreamModel,
                        openAiBeta,
                        session);
                router.judge(channel, key, null);
                session.connected(connection, channel::release);
                sessions.add(session);
                return session;
            } catch (RealtimeConnectException e) {
                last = e;
                log.info("realtime session on channel {} not opened: {}", channel.id(), e.getMessage());
                router.judge(channel, key, failure(e));
                channel.release();
                if (channel.keyCount() <= 1 || e.upstreamStatus() == 0 || e.upstreamStatus() >= 500) {
                    tried.add(channel.id());
                }
            }
        }
        if (last == null) {
            throw new RelayException(
                    503,
                    "server_error",
                    "no_available_channel",
                    "every channel that serves '" + model + "' is paused or at its concurrency limit",
                    5L);
        }
        throw new RelayException(
                502,
                "upstream_error",
                "upstream_error",
                "no upstream realtime session could be opened for '" + model + "': " + last.getMessage());
    }

    private static AttemptFailure failure(RealtimeConnectException e) {
        int status = e.upstreamStatus();
        if (status == 401 || status == 402 || status == 403) {
            return new AttemptFailure(
                    502,
                    "upstream_error",
                    "upstream_error",
                    e.getMessage(),
                    AttemptFailure.Scope.KEY_REJECTED,
                    "rejected",
                    status);
        }
        if (status == 429) {
            return new AttemptFailure(
                    502,
                    "upstream_error",
                    "upstream_error",
                    e.getMessage(),
                    AttemptFailure.Scope.KEY,
                    "rate_limited",
                    status);
        }
        return AttemptFailure.ofChannel(502, "upstream_error", e.getMessage(), "connect", status);
    }

    /** A session ended: its slots go back. */
    void ended(RealtimeSessionService session) {
        if (sessions.remove(session)) {
            perKey.release(session.token().id());
            perOrganization.release(session.token().organizationId());
        }
    }

    @Override
    public void expireSessions() {
        long now = System.nanoTime();
        for (RealtimeSessionService session : sessions) {
            session.expireIfDue(
                    now,
                    settings.idleTimeout().toNanos(),
                    settings.maxSessionDuration().toNanos());
        }
    }

    @Override
    public int openSessions() {
        return sessions.size();
    }

    /** Open sessions per owner (a key or an organisation), bounded. */
    private static final class SessionCounter {
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        boolean tryAcquire(String owner, int limit) {
            boolean[] taken = {false};
            counts.compute(owner, (k, n) -> {
                int now = n == null ? 0 : n;
                if (now >= limit) {
                    return n;
                }
                taken[0] = true;
                return now + 1;
            });
            return taken[0];
        }

        void release(String owner) {
            counts.computeIfPresent(owner, (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
