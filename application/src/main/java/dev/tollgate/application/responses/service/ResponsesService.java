package dev.tollgate.application.responses.service;

import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.responses.port.in.ResponseEventLog;
import dev.tollgate.application.responses.port.in.ResponsesUseCase;
import dev.tollgate.application.responses.port.out.ResponsesUpstreamPort;
import dev.tollgate.application.responses.port.out.ResponsesUpstreamPort.ForwardedReply;
import dev.tollgate.application.responses.port.out.StoredResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ProxyUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored responses: who may see them (the key that made them, nothing else: another key, even of the same
 * organisation, is told the id does not exist), where their own endpoints go (the OpenAI or Azure channel that made
 * them, with the key and the outbound proxy the response was made with), and background responses run on this node.
 */
public class ResponsesService implements ResponsesUseCase {
    /**
     * The bounds of streamed background responses' event logs.
     *
     * @param maxEvents events kept per response (older ones dropped beyond)
     * @param maxBytes  bytes of events kept per response (older ones dropped beyond)
     * @param keptFor   how long an ended response's events stay readable
     * @param kept      how many ended responses' events are kept at most (the oldest dropped first)
     */
    public record StreamBuffer(int maxEvents, long maxBytes, Duration keptFor, int kept) {}

    private static final Logger log = LoggerFactory.getLogger(ResponsesService.class);
    /** Channel types whose upstream keeps responses itself (and has the response endpoints). */
    private static final Set<String> KEEPING_TYPES = Set.of("openai", "azure");

    private final ResponseArchive archive;
    private final ChannelDirectory channels;
    private final ResponsesUpstreamPort upstream;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final Duration retention;
    private final ExecutorService background;
    private final int maxBackground;
    /** The background responses running on this node, each with its cancel flag. */
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

    private final Semaphore slots;
    private final StreamBuffer streamBuffer;
    /** The event logs of streamed background responses: running ones, and ended ones for a while (oldest first). */
    private final Map<String, ResponseEventLog> streams = new LinkedHashMap<>();
    /** The outbound proxy of a channel (its own, else the installation's; null: none), as the relay uses it. */
    private final Function<String, ProxyUrl> proxyOf;

    public ResponsesService(
            ResponseArchive archive,
            ChannelDirectory channels,
            ResponsesUpstreamPort upstream,
            ClockPort clock,
            IdGeneratorPort ids,
            Duration retention,
            ExecutorService background,
            int maxBackground,
            Function<String, ProxyUrl> proxyOf,
            StreamBuffer streamBuffer) {
        this.archive = archive;
        this.channels = channels;
        this.upstream = upstream;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
        this.background = background;
        this.maxBackground = maxBackground;
        this.slots = new Semaphore(maxBackground);
        this.proxyOf = proxyOf;
        this.streamBuffer = streamBuffer;
    }

    @Override
    public StoredResponse open(AuthenticatedKey caller, String model, boolean background, String inputItems) {
        Instant now = clock.now();
        return new StoredResponse(
                "resp_" + ids.newId().replace("-", ""),
                null,
                caller.key().id(),
                caller.key().organizationId(),
                null,
                null,
                null,
                model,
                background ? "queued" : "in_progress",
                background,
                inputItems,
                null,
                now,
                now.plus(retention));
    }

    @Override
    public void record(StoredResponse response) {
        archive.offer(response);
    }

    @Override
    public Optional<StoredResponse> find(AuthenticatedKey caller, String id) {
        if (id == null || id.isBlank() || id.length() > 200) {
            return Optional.empty();
        }
        return archive.find(id, clock.now()).filter(r -> ownedBy(r, caller));
    }

    private static boolean ownedBy(StoredResponse response, AuthenticatedKey caller) {
        return response.tokenId().equals(caller.key().id())
                && response.organizationId().equals(caller.key().organizationId());
    }

    @Override
    public boolean delete(AuthenticatedKey caller, String id) {
        Optional<StoredResponse> found = find(caller, id);
        if (found.isEmpty()) {
            return false;
        }
        StoredResponse response = found.get();
        AtomicBoolean run = running.remove(id); // a deleted background response is not stored again when it ends
        if (run != null) {
            run.set(true);
        }
        closeStream(id);
        if (response.upstreamId() != null) {
            // the channel keeps its own copy: delete it there too (its answer does not change ours)
            forward(response, "DELETE", encode(response.upstreamId()));
        }
        return archive.delete(id);
    }

    @Override
    public Optional<ForwardedReply> forward(StoredResponse response, String method, String pathAndQuery) {
        if (response.upstreamId() == null
                || response.channelId() == null
                || !KEEPING_TYPES.contains(response.channelType())
                || channels.privateChannel(response.channelId())) {
            // a private channel's address is checked at each connection of the relay's own client only: its
            // responses are answered from Tollgate's copy
            return Optional.empty();
        }
        Optional<ChannelDirectory.ProbeTarget> target =
                channels.probeTarget(response.channelId(), response.model(), response.channelKey());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        ChannelDirectory.ProbeTarget t = target.get();
        try {
            return Optional.of(upstream.forward(
                    new UpstreamTarget(
                            t.channelId(),
                            t.type(),
                            t.baseUrl(),
                            t.apiKey(),
                            t.options(),
                            proxyOf.apply(t.channelId())),
                    method,
                    pathAndQuery));
        } catch (UpstreamException e) {
            log.debug("the channel of response {} could not be reached: {}", response.id(), e.getMessage());
            return Optional.of(new ForwardedReply(
                    502,
                    "application/json",
                    ("{\"error\":{\"message\":\"the channel that made this response could not be reached\","
                                    + "\"type\":\"upstream_error\",\"param\":null,\"code\":\"upstream_error\"}}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @Override
    public StoredResponse runInBackground(
            StoredResponse queued, boolean streamed, Function<BackgroundRun, StoredResponse> run) {
        if (!slots.tryAcquire()) {
            throw backgroundLimit();
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        running.put(queued.id(), cancelled);
        ResponseEventLog events = streamed ? openStream(queued.id()) : null;
        archive.offer(queued);
        try {
            background.execute(() -> {
                String id = queued.id();
                try {
                    keepUnlessDeleted(id, queued.with("in_progress", queued.body(), null, null));
                    StoredResponse finished = run.apply(new BackgroundRun(cancelled::get, events));
                    if (cancelled.get()) {
                        finished = finished.with(
                                "cancelled", finished.body(), finished.channelId(), finished.channelType());
                    }
                    keepUnlessDeleted(id, finished);
                } catch (RuntimeException e) {
                    log.warn("background response {} failed: {}", id, e.toString());
                    keepUnlessDeleted(id, queued.with("failed", queued.body(), null, null));
                } finally {
                    running.remove(id);
                    slots.release();
                    if (events != null) {
                        events.end();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(queued.id());
            slots.release();
            closeStream(queued.id());
            archive.delete(queued.id());
            throw backgroundLimit();
        }
        return queued;
    }

    /** A new event log for a streamed background response; ended logs past their time or number are dropped. */
    private ResponseEventLog openStream(String id) {
        ResponseEventLog log = new ResponseEventLog(streamBuffer.maxEvents(), streamBuffer.maxBytes());
        synchronized (streams) {
            streams.values().removeIf(l -> l.endedBefore(streamBuffer.keptFor()));
            long endedCount =
                    streams.values().stream().filter(ResponseEventLog::ended).count();
            var oldest = streams.entrySet().iterator();
            while (endedCount >= streamBuffer.kept() && oldest.hasNext()) {
                if (oldest.next().getValue().ended()) {
                    oldest.remove();
                    endedCount--;
                }
            }
            streams.put(id, log);
        }
        return log;
    }

    /** Ends and drops a response's event log (its readers end). */
    private void closeStream(String id) {
        ResponseEventLog log;
        synchronized (streams) {
            log = streams.remove(id);
        }
        if (log != null) {
            log.end();
        }
    }

    @Override
    public Optional<ResponseEventLog> events(AuthenticatedKey caller, String id) {
        if (find(caller, id).isEmpty()) {
            return Optional.empty();
        }
        synchronized (streams) {
            ResponseEventLog log = streams.get(id);
            if (log == null || log.endedBefore(streamBuffer.keptFor())) {
                return Optional.empty();
            }
            return Optional.of(log);
        }
    }

    /** Stores a background response's new state, unless it was deleted while it ran. */
    private void keepUnlessDeleted(String id, StoredResponse state) {
        if (running.containsKey(id)) {
            archive.offer(state);
        }
    }

    @Override
    public Optional<StoredResponse> cancel(AuthenticatedKey caller, String id) {
        Optional<StoredResponse> found = find(caller, id);
        AtomicBoolean run = running.get(id);
        if (found.isEmpty() || run == null) {
            return Optional.empty();
        }
        run.set(true);
        StoredResponse current = found.get();
        return Optional.of(current.with("cancelled", current.body(), current.channelId(), current.channelType()));
    }

    /** Deletes responses past their retention, at most {@code limit} at a time; returns how many. */
    public int deleteExpired(int limit) {
        return archive.deleteExpiredBefore(clock.now(), limit);
    }

    /** Too many background responses run on this node: 429, as a rate limit. */
    private RelayException backgroundLimit() {
        return new RelayException(
                429,
                "rate_limit_exceeded",
                "rate_limit_exceeded",
                "this node already runs " + maxBackground + " background responses; retry shortly",
                1L);
    }
}
