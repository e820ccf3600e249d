package dev.tollgate.adapter.out.persistence.channel;

import dev.tollgate.adapter.out.persistence.LikePatterns;
import dev.tollgate.adapter.out.persistence.OffsetPages;
import dev.tollgate.application.channel.port.in.ChannelFilter;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.out.ChannelListPort;
import java.util.List;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code channel_listing} through its repository: offset pages as slices (no count query; the count is a
 * separate call), one statement each, never a query per row.
 */
public class ChannelListPersistenceAdapter implements ChannelListPort {
    private final ChannelListingRepository channels;

    public ChannelListPersistenceAdapter(ChannelListingRepository channels) {
        this.channels = channels;
    }

    @Override
    public List<ChannelView> find(ChannelQuery query, int offset, int limit) {
        ChannelFilter f = query.filter();
        return channels.findMatching(
                        query.organizationId(),
                        f.type(),
                        f.status(),
                        f.group(),
                        f.model(),
                        LikePatterns.containing(f.q().text()),
                        ChannelListingRepository.MODEL_SEPARATOR,
                        OffsetPages.of(offset, limit, Sort.unsorted()))
                .map(ChannelListingEntity::view)
                .getContent();
    }

    @Override
    public long count(ChannelQuery query) {
        ChannelFilter f = query.filter();
        return channels.countMatching(
                query.organizationId(),
                f.type(),
                f.status(),
                f.group(),
                f.model(),
                LikePatterns.containing(f.q().text()),
                ChannelListingRepository.MODEL_SEPARATOR);
    }
}
