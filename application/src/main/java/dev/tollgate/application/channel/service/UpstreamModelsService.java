package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelDirectory.ProbeTarget;
import dev.tollgate.application.channel.port.in.UpstreamModels;
import dev.tollgate.application.channel.port.in.UpstreamModelsUseCase;
import dev.tollgate.application.channel.port.out.UpstreamModelsPort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelErrorCode;
import java.util.List;
import java.util.Optional;

/** Reads a channel's model list from its upstream with the channel's first key (through the SSRF guard). */
public class UpstreamModelsService implements UpstreamModelsUseCase {
    private final ChannelDirectory channels;
    private final ChannelAccess access;
    private final UpstreamModelsPort provider;

    public UpstreamModelsService(ChannelDirectory channels, ChannelAccess access, UpstreamModelsPort provider) {
        this.channels = channels;
        this.access = access;
        this.provider = provider;
    }

    @Override
    public UpstreamModels upstreamModels(String channelId, Caller caller) {
        access.manageable(channelId, caller);
        ProbeTarget target = channels.probeTarget(channelId, null)
                .orElseThrow(() -> new NotFoundException(
                        ChannelErrorCode.CHANNEL_NOT_FOUND, "channel " + channelId + " not found"));
        try {
            Optional<List<String>> models = provider.list(new UpstreamTarget(
                    target.channelId(), target.type(), target.baseUrl(), target.apiKey(), target.options()));
            return models.map(m -> new UpstreamModels(channelId, true, m, null))
                    .orElseGet(() -> new UpstreamModels(
                            channelId,
                            false,
                            List.of(),
                            "the provider of a '" + target.type() + "' channel publishes no model list"));
        } catch (UpstreamException e) {
            return new UpstreamModels(channelId, true, List.of(), e.getMessage());
        }
    }
}
