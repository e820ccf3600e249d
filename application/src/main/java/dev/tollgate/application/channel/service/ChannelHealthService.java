package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.query.ChannelDirectory;
import dev.tollgate.application.channel.query.ChannelDirectory.ProbeTarget;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.relay.port.out.ChatUpstreamPort;
import dev.tollgate.application.relay.port.out.UpstreamChatRequest;
import dev.tollgate.application.relay.port.out.UpstreamChatResponse;
import dev.tollgate.application.relay.port.out.UpstreamException;
import dev.tollgate.application.relay.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelId;
import dev.tollgate.domain.channel.command.AutoDisableChannelCommand;
import dev.tollgate.domain.channel.command.ReEnableChannelCommand;
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
public class ChannelHealthService {
    private static final Logger log = LoggerFactory.getLogger(ChannelHealthService.class);

    private final CommandGateway commands;
    private final ChannelDirectory channels;
    private final ChatUpstreamPort upstream;
    private final ClockPort clock;
    private final Duration probeTimeout;
    private final Set<String> disabling = ConcurrentHashMap.newKeySet();

    public ChannelHealthService(CommandGateway commands, ChannelDirectory channels, ChatUpstreamPort upstream,
            ClockPort clock, Duration probeTimeout) {
        this.commands = commands;
        this.channels = channels;
        this.upstream = upstream;
        this.clock = clock;
        this.probeTimeout = probeTimeout;
    }

    /** Whether an upstream status means the channel's own account is unusable (bad key, no balance, banned). */
    public static boolean rejectsTheChannel(int status) {
        return status == 401 || status == 402 || status == 403;
    }

    /** The upstream rejected the channel: disable it (once, even when many requests see it at the same time). */
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

    /** Tries every automatically disabled channel once; re-enables those that answer. Returns how many did. */
    public int probeAutoDisabled() {
        int reEnabled = 0;
        for (ProbeTarget target : channels.autoDisabled()) {
            if (answers(target)) {
                commands.sendAndWait(new ReEnableChannelCommand(new ChannelId(target.channelId()),
                        "a health probe was answered", clock.now()));
                log.info("channel {} answered a health probe and is enabled again", target.channelId());
                reEnabled++;
            }
        }
        return reEnabled;
    }

    private boolean answers(ProbeTarget target) {
        byte[] body = ("{\"model\":\"" + jsonEscape(target.upstreamModel())
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\"max_tokens\":1}")
                .getBytes(StandardCharsets.UTF_8);
        UpstreamChatRequest request = new UpstreamChatRequest("probe-" + target.channelId(),
                new UpstreamTarget(target.channelId(), target.type(), target.baseUrl(), target.apiKey(),
                        target.options()),
                body, target.upstreamModel(), target.upstreamModel(), false, false, null, probeTimeout);
        try (UpstreamChatResponse response = upstream.send(request)) {
            return response.status() / 100 == 2;
        } catch (UpstreamException e) {
            return false;
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
