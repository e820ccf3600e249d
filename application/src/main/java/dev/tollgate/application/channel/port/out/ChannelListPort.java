package dev.tollgate.application.channel.port.out;

import dev.tollgate.application.channel.port.in.ChannelFilter;
import dev.tollgate.application.channel.port.in.ChannelView;
import java.util.List;

/**
 * The stored list of channels (in creation order: time, then id), a projection of the channel events: every channel's
 * settings and status with its keys masked (never a clear key: those stay in {@link
 * dev.tollgate.application.common.port.out.ChannelSecretPort}).
 */
public interface ChannelListPort {
    /** The processor that keeps the list. */
    String PROCESSING_GROUP = "channel-list";
    /** The processors whose projections the list reads. */
    List<String> PROCESSING_GROUPS = List.of(PROCESSING_GROUP);

    /**
     * Which channels: those matching the filter, of every kind ({@code organizationId} null: platform and private
     * channels alike) or the private channels of one organisation.
     */
    record ChannelQuery(String organizationId, ChannelFilter filter) {}

    List<ChannelView> find(ChannelQuery query, int offset, int limit);

    long count(ChannelQuery query);
}
