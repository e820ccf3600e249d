package dev.tollgate.adapter.out.persistence.organization;

import dev.tollgate.application.organization.port.out.OrganizationListPort;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberAddedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRoleChangedEvent;
import dev.tollgate.domain.organization.event.OrganizationOwnershipTransferredEvent;
import dev.tollgate.domain.organization.event.OrganizationRenamedEvent;
import dev.tollgate.domain.organization.event.OrganizationStatusChangedEvent;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@code organization_listing} and {@code organization_membership} current for the admin API's lists (ADR 12):
 * a row per organisation (renamed, enabled and disabled in place, its member count kept with its members) and a row
 * per member (role changed in place, removed with the member), as the in-memory organisations apply the same events.
 * Runs in its own tracking processor ({@value #PROCESSING_GROUP}, JPA transactions, token in {@code token_entry});
 * every handler is idempotent, so a replay changes nothing.
 */
public class OrganizationListProjection {
    public static final String PROCESSING_GROUP = OrganizationListPort.PROCESSING_GROUP;
    static final String ENABLED = "enabled";
    static final String DISABLED = "disabled";

    private final EntityManager entityManager;

    /** {@code entityManager}: the shared, transaction-bound one. */
    public OrganizationListProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(OrganizationCreatedEvent e) {
        if (entityManager.find(OrganizationListingEntity.class, e.organizationId()) == null) {
            entityManager.persist(new OrganizationListingEntity(e.organizationId(), e.name(), e.personal(), e.at()));
            member(e.organizationId(), e.ownerId(), MemberRole.OWNER);
        }
    }

    @EventHandler
    void on(OrganizationRenamedEvent e) {
        OrganizationListingEntity organization =
                entityManager.find(OrganizationListingEntity.class, e.organizationId());
        if (organization != null) {
            organization.name(e.name());
        }
    }

    @EventHandler
    void on(OrganizationStatusChangedEvent e) {
        OrganizationListingEntity organization =
                entityManager.find(OrganizationListingEntity.class, e.organizationId());
        if (organization != null) {
            organization.status(e.enabled() ? ENABLED : DISABLED);
        }
    }

    @EventHandler
    void on(OrganizationMemberAddedEvent e) {
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()));
    }

    @EventHandler
    void on(OrganizationInvitationAcceptedEvent e) {
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()));
    }

    @EventHandler
    void on(OrganizationEmailInvitationAcceptedEvent e) {
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()));
    }

    @EventHandler
    void on(OrganizationMemberRoleChangedEvent e) {
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()));
    }

    @EventHandler
    void on(OrganizationOwnershipTransferredEvent e) {
        member(e.organizationId(), e.previousOwnerId(), MemberRole.ADMIN);
        member(e.organizationId(), e.newOwnerId(), MemberRole.OWNER);
    }

    @EventHandler
    void on(OrganizationMemberRemovedEvent e) {
        OrganizationMembershipEntity member = entityManager.find(
                OrganizationMembershipEntity.class,
                new OrganizationMembershipEntity.Key(e.organizationId(), e.userId()));
        if (member != null) {
            entityManager.remove(member);
            count(e.organizationId(), -1);
        }
    }

    /** The user is a member with this role: a new row (counted), or the role changed in place. */
    private void member(String organizationId, String userId, MemberRole role) {
        OrganizationMembershipEntity member = entityManager.find(
                OrganizationMembershipEntity.class, new OrganizationMembershipEntity.Key(organizationId, userId));
        if (member == null) {
            entityManager.persist(new OrganizationMembershipEntity(organizationId, userId, role.name()));
            count(organizationId, 1);
        } else {
            member.role(role.name());
        }
    }

    private void count(String organizationId, int change) {
        OrganizationListingEntity organization = entityManager.find(OrganizationListingEntity.class, organizationId);
        if (organization != null) {
            organization.countMembers(change);
        }
    }
}
