package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.domain.billing.Wallet;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;

/**
 * Writes {@code audit_entry} rows for the audit projections: one {@link AuditEntryEntity} per event, keyed by the
 * event's id so that a replay inserts nothing twice, with the client address and request id of the event's metadata;
 * and answers the two questions the projections ask the log itself (the organisation of a channel, of a wallet).
 */
public class AuditEntryWriter {
    private final EntityManager entityManager;
    private final AuditEntryRepository entries;

    /** {@code entityManager}: the shared, transaction-bound one. */
    public AuditEntryWriter(EntityManager entityManager, AuditEntryRepository entries) {
        this.entityManager = entityManager;
        this.entries = entries;
    }

    /**
     * The organisation of a private channel (as its creation entry recorded it), so that every change of the channel
     * is in the organisation's audit log; null for a platform channel.
     */
    private String organisationOfChannel(String channelId) {
        // a platform channel's creation recorded no organisation (a null in the list)
        List<String> recorded = entries.organisationOfCreatedChannel(channelId);
        return recorded.isEmpty() ? null : recorded.get(0);
    }

    void channelEntry(EventMessage<?> m, Instant at, String actor, String action, String channelId, String details) {
        insertFor(organisationOfChannel(channelId), m, at, actor, null, action, "channel", channelId, details);
    }

    /**
     * The organisation a wallet belongs to: a shared organisation's own wallet, or else its user's personal
     * organisation. Whether an id is a shared organisation is known from this log itself (its creation entry was
     * written by this processor, in event order, before any change to its wallet).
     */
    String organisationOfWallet(String walletId) {
        String owner = Wallet.ownerOf(walletId);
        // a query: Hibernate flushes this batch's entries first, so a creation earlier in the batch is seen
        return entries.recordsSharedOrganization(owner) ? owner : "personal-" + owner;
    }

    void insert(
            EventMessage<?> m,
            Instant at,
            String actor,
            String actorUserOtherwise,
            String action,
            String targetType,
            String targetId,
            String details) {
        insertFor(null, m, at, actor, actorUserOtherwise, action, targetType, targetId, details);
    }

    void insertFor(
            String organizationId,
            EventMessage<?> m,
            Instant at,
            String actor,
            String actorUserOtherwise,
            String action,
            String targetType,
            String targetId,
            String details) {
        String who = actor == null ? "system" : actor;
        // keyed by the event id: an event handled again (a replay) adds nothing
        if (entityManager.find(AuditEntryEntity.class, m.getIdentifier()) == null) {
            entityManager.persist(new AuditEntryEntity(new AuditEntryView(
                    m.getIdentifier(),
                    at,
                    who,
                    actorUser(who, actorUserOtherwise),
                    organizationId,
                    action,
                    targetType,
                    targetId,
                    truncate(details, 1000),
                    truncate(meta(m, AuditLogProjection.CLIENT_ADDRESS), 64),
                    truncate(meta(m, AuditLogProjection.REQUEST_ID), 64))));
        }
    }

    private static String meta(EventMessage<?> m, String key) {
        Object value = m.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    /** The user behind an actor {@code user:<id>}, or the given one (a self-registration), or none. */
    private static String actorUser(String actor, String otherwise) {
        return actor != null && actor.startsWith("user:") ? actor.substring("user:".length()) : otherwise;
    }
}
