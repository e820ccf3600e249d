package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelDirectory.ProbeTarget;
import dev.tollgate.application.channel.port.in.ChannelTestResult;
import dev.tollgate.application.channel.port.in.TestChannelUseCase;
import dev.tollgate.application.channel.port.in.UpstreamRejectionUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelErrorCode;
import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.channel.command.AutoDisableChannelCommand;
import dev.tollgate.domain.channel.command.ReEnableChannelCommand;
import dev.tollgate.domain.common.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes channels out of service when their upstream rejects their credentials or balance (HTTP 401, 402, 403), and
 * puts them back when a probe succeeds. Commands are sent without waiting: the relay never blocks on them. A
 * channel an administrator disabled is never re-enabled (the aggregate refuses).
 */
public class ChannelHealthService implements TestChannelUseCase, UpstreamRejectionUseCase {
    private static final Logger log = LoggerFactory.getLogger(ChannelHealthService.class);

    private final CommandGateway commands;
    private final ChannelDirectory channels;
    private final ChatUpstreamPort upstream;
    private final ClockPort clock;
    private final Duration probeTimeout;
    private final ViewFreshness freshness;
    private final Set<String> disabling = ConcurrentHashMap.newKeySet();
    private final ChannelAccess access;

    public ChannelHealthService(
            CommandGateway commands,
            ChannelDirectory channels,
            ChatUpstreamPort upstream,
            ClockPort clock,
            Duration probeTimeout,
            ViewFreshness freshness,
            ChannelAccess access) {
        this.access = access;
        this.commands = commands;
        this.channels = channels;
        this.upstream = upstream;
        this.clock = clock;
        this.probeTimeout = probeTimeout;
        this.freshness = freshness;
    }

    /** The upstream rejected the channel: disable it (once, even when many requests see it at the same time). */
    @Override
    public void rejectedByUpstream(String channelId, int status) {
        if (!disabling.add(channelId)) {
            return;
        }
        String reason = "the upstream answered HTTP " + status + " (credentials or balance rejected)";
        log.warn("disabling channel {}: {}", channelId, reason);
        commands.send(new AutoDisableChannelCommand(new ChannelId(channelId), reason, clock.now()))
                .whenComplete((result, failure) -> {
                    disabling.remove(channelId);
                    if (failure != null) {
                        log.warn("could not disable channel {}: {}", channelId, failure.toString());
                    }
                });
    }

    /** Sends one small request of the endpoint through the channel (any status) and reports what came back. */
    /** Platform admins test any channel, an organisation's OWNER and ADMINs its private channels; others get 404. */
    @Override
    public ChannelTestResult test(String channelId, String model, String endpoint, Caller caller) {
        access.manageable(channelId, caller);
        RelayEndpoint target = testable(endpoint);
        return channels.probeTarget(channelId, model)
                .map(t -> test(t, target))
                .orElseThrow(() -> new NotFoundException(
                        ChannelErrorCode.CHANNEL_NOT_FOUND, "channel " + channelId + " not found"));
    }

    private static RelayEndpoint testable(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return RelayEndpoint.CHAT_COMPLETIONS;
        }
        for (RelayEndpoint e : RelayEndpoint.values()) {
            if (e.path().equals(endpoint.trim())) {
                if (e.multipart()) {
                    throw new InvalidValueException(
                            "endpoint",
                            "'" + endpoint
                                    + "' needs a file and cannot be tested this way; test it with a real request");
                }
                return e;
            }
        }
        throw new InvalidValueException(
                "endpoint",
                "unknown endpoint '" + endpoint
                        + "'; use e.g. chat/completions, completions, embeddings, responses, moderations, rerank, "
                        + "images/generations or audio/speech");
    }

    private ChannelTestResult test(ProbeTarget target, RelayEndpoint endpoint) {
        long started = System.nanoTime();
        try (UpstreamChatResponse response = upstream.send(probe(target, endpoint))) {
            boolean ok = response.status() / 100 == 2;
            String message;
            if (!ok) {
                message = new String(response.errorBody(), StandardCharsets.UTF_8);
            } else if (endpoint == RelayEndpoint.AUDIO_SPEECH) {
                long bytes = 0;
                for (byte[] piece = response.nextBytes(); piece != null; piece = response.nextBytes()) {
                    bytes += piece.length;
                }
                message = bytes + " bytes of " + response.contentType();
            } else {
                CompletedChat answer = response.completed();
                message = endpoint == RelayEndpoint.CHAT_COMPLETIONS
                                || endpoint == RelayEndpoint.COMPLETIONS
                                || endpoint == RelayEndpoint.RESPONSES
                        ? answer.text()
                        : new String(answer.body(), StandardCharsets.UTF_8);
            }
            return new ChannelTestResult(
                    ok,
                    response.status(),
                    (System.nanoTime() - started) / 1_000_000,
                    target.model(),
                    truncate(message),
                    endpoint.path());
        } catch (UpstreamException e) {
            return new ChannelTestResult(
                    false,
                    0,
                    (System.nanoTime() - started) / 1_000_000,
                    target.model(),
                    e.getMessage(),
                    endpoint.path());
        }
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    /** Tries every automatically disabled channel once; re-enables those that answer. Returns how many did. */
    public int probeAutoDisabled() {
        int reEnabled = 0;
        for (ProbeTarget target : channels.autoDisabled()) {
            if (answers(target)) {
                long version = commands.sendAndWait(new ReEnableChannelCommand(
                        new ChannelId(target.channelId()), "a health probe was answered", clock.now()));
                freshness.await(target.channelId(), version, Duration.ofSeconds(5));
                log.info("channel {} answered a health probe and is enabled again", target.channelId());
                reEnabled++;
            }
        }
        return reEnabled;
    }

    private UpstreamChatRequest probe(ProbeTarget target) {
        return probe(target, RelayEndpoint.CHAT_COMPLETIONS);
    }

    /** The smallest request of each endpoint that a provider answers. */
    private UpstreamChatRequest probe(ProbeTarget target, RelayEndpoint endpoint) {
        String model = "{\"model\":\"" + jsonEscape(target.upstreamModel()) + "\",";
        String json = switch (endpoint) {
            case COMPLETIONS -> model + "\"prompt\":\"ping\",\"max_tokens\":1}";
            case EMBEDDINGS, MODERATIONS -> model + "\"input\":\"ping\"}";
            case RERANK -> model + "\"query\":\"ping\",\"documents\":[\"ping\",\"pong\"]}";
            case RESPONSES -> model + "\"input\":\"ping\",\"max_output_tokens\":16}";
            case IMAGES_GENERATIONS -> model + "\"prompt\":\"a small red dot\",\"n\":1}";
            case AUDIO_SPEECH -> model + "\"input\":\"ping\",\"voice\":\"alloy\"}";
            default -> model + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\"max_tokens\":1}";
        };
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new UpstreamChatRequest(
                endpoint,
                "probe-" + target.channelId(),
                new UpstreamTarget(
                        target.channelId(), target.type(), target.baseUrl(), target.apiKey(), target.options()),
                body,
                target.upstreamModel(),
                target.upstreamModel(),
                false,
                false,
                null,
                probeTimeout);
    }

    private boolean answers(ProbeTarget target) {
        try (UpstreamChatResponse response = upstream.send(probe(target))) {
            return response.status() / 100 == 2;
        } catch (UpstreamException e) {
            return false;
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
