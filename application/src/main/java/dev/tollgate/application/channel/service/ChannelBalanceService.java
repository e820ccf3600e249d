package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.ChannelBalance;
import dev.tollgate.application.channel.port.in.ChannelBalanceUseCase;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelDirectory.ProbeTarget;
import dev.tollgate.application.channel.port.out.UpstreamBalance;
import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelErrorCode;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads channels' upstream balances on demand and on a schedule, and remembers the last figure read per channel, so
 * that a provider that is briefly unreachable still shows its last known balance (marked as not fresh).
 */
public class ChannelBalanceService implements ChannelBalanceUseCase {
    private static final Logger log = LoggerFactory.getLogger(ChannelBalanceService.class);

    private final ChannelDirectory channels;
    private final UpstreamBalancePort provider;
    private final ClockPort clock;
    private final Map<String, ChannelBalance> lastKnown = new ConcurrentHashMap<>();

    public ChannelBalanceService(ChannelDirectory channels, UpstreamBalancePort provider, ClockPort clock) {
        this.channels = channels;
        this.provider = provider;
        this.clock = clock;
    }

    @Override
    public ChannelBalance balance(String channelId, Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may read channel balances");
        }
        ProbeTarget target = channels.probeTarget(channelId, null)
                .orElseThrow(() -> new NotFoundException(
                        ChannelErrorCode.CHANNEL_NOT_FOUND, "channel " + channelId + " not found"));
        return read(target);
    }

    /** Reads every channel's balance once (the scheduled refresh); returns how many were read. */
    public int refreshAll() {
        int read = 0;
        for (ProbeTarget target : channels.balanceTargets()) {
            ChannelBalance balance = read(target);
            if (balance.supported() && balance.fresh()) {
                read++;
            } else if (balance.error() != null) {
                log.info("balance of channel {} could not be read: {}", target.channelId(), balance.error());
            }
        }
        return read;
    }

    /** The last balance read for the channel, if any. */
    public Optional<ChannelBalance> lastKnown(String channelId) {
        return Optional.ofNullable(lastKnown.get(channelId));
    }

    private ChannelBalance read(ProbeTarget target) {
        UpstreamTarget upstream = new UpstreamTarget(
                target.channelId(), target.type(), target.baseUrl(), target.apiKey(), target.options());
        try {
            Optional<UpstreamBalance> balance = provider.fetch(upstream);
            if (balance.isEmpty()) {
                return new ChannelBalance(
                        target.channelId(),
                        false,
                        null,
                        null,
                        null,
                        null,
                        false,
                        "the provider of a '" + target.type() + "' channel publishes no balance");
            }
            UpstreamBalance b = balance.get();
            ChannelBalance fresh = new ChannelBalance(
                    target.channelId(),
                    true,
                    b.currency(),
                    b.available().toPlainString(),
                    b.source(),
                    clock.now(),
                    true,
                    null);
            lastKnown.put(target.channelId(), fresh);
            return fresh;
        } catch (UpstreamException e) {
            ChannelBalance last = lastKnown.get(target.channelId());
            if (last == null) {
                return new ChannelBalance(target.channelId(), true, null, null, null, null, false, e.getMessage());
            }
            return new ChannelBalance(
                    target.channelId(),
                    true,
                    last.currency(),
                    last.available(),
                    last.source(),
                    last.fetchedAt(),
                    false,
                    e.getMessage());
        }
    }
}
