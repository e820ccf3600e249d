package dev.tollgate.adapter.out.persistence.channel;

import dev.tollgate.application.channel.port.out.ChannelListPort;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@code channel_listing} current for the admin API's lists (ADR 12): a row per channel, changed in place,
 * removed with the channel, as the in-memory channel directory applies the same events. The events carry masked keys
 * only; the clear keys are never read here. Runs in its own tracking processor ({@value #PROCESSING_GROUP}, JPA
 * transactions, token in {@code token_entry}); every handler is idempotent, so a replay changes nothing.
 */
public class ChannelListProjection {
    public static final String PROCESSING_GROUP = ChannelListPort.PROCESSING_GROUP;
    static final String ENABLED = "enabled";
    static final String AUTO_DISABLED = "auto_disabled";

    private final EntityManager entityManager;

    /** {@code entityManager}: the shared, transaction-bound one. */
    public ChannelListProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(ChannelCreatedEvent e) {
        if (entityManager.find(ChannelListingEntity.class, e.channelId()) != null) {
            return;
        }
        ChannelListingEntity channel = new ChannelListingEntity(e.channelId(), e.type(), e.organizationId(), e.at());
        channel.settings(
                e.name(),
                e.baseUrl(),
                e.maskedKeys(),
                e.models(),
                e.modelMapping(),
                e.groups(),
                e.priority(),
                e.weight(),
                e.maxConcurrency(),
                e.options(),
                e.at());
        entityManager.persist(channel);
    }

    @EventHandler
    void on(ChannelUpdatedEvent e) {
        ChannelListingEntity channel = entityManager.find(ChannelListingEntity.class, e.channelId());
        if (channel != null) {
            channel.settings(
                    e.name(),
                    e.baseUrl(),
                    e.maskedKeys(),
                    e.models(),
                    e.modelMapping(),
                    e.groups(),
                    e.priority(),
                    e.weight(),
                    e.maxConcurrency(),
                    e.options(),
                    e.at());
        }
    }

    @EventHandler
    void on(ChannelStatusChangedEvent e) {
        status(e.channelId(), e.status(), e.at());
    }

    @EventHandler
    void on(ChannelAutoDisabledEvent e) {
        status(e.channelId(), AUTO_DISABLED, e.at());
    }

    @EventHandler
    void on(ChannelReEnabledEvent e) {
        status(e.channelId(), ENABLED, e.at());
    }

    @EventHandler
    void on(ChannelDeletedEvent e) {
        ChannelListingEntity channel = entityManager.find(ChannelListingEntity.class, e.channelId());
        if (channel != null) {
            entityManager.remove(channel);
        }
    }

    private void status(String channelId, String status, Instant at) {
        ChannelListingEntity channel = entityManager.find(ChannelListingEntity.class, channelId);
        if (channel != null) {
            channel.status(status, at);
        }
    }
}
