package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.application.audit.query.AuditEntryView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One row of {@code audit_entry} (Liquibase's table, changeset 011): written once by {@link AuditLogProjection},
 * never changed ({@link Immutable}: Hibernate keeps no snapshot of it to check for changes).
 */
@Entity
@Immutable
@Table(name = "audit_entry")
class AuditEntryEntity {
    @Id
    @Column(name = "event_id")
    private String eventId;

    private Instant at;
    private String actor;

    @Column(name = "actor_user_id")
    private String actorUserId;

    @Column(name = "organisation_id")
    private String organisationId;

    private String action;

    @Column(name = "target_type")
    private String targetType;

    @Column(name = "target_id")
    private String targetId;

    private String details;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "request_id")
    private String requestId;

    protected AuditEntryEntity() {}

    AuditEntryEntity(AuditEntryView entry) {
        this.eventId = entry.eventId();
        this.at = entry.at();
        this.actor = entry.actor();
        this.actorUserId = entry.actorUserId();
        this.organisationId = entry.organizationId();
        this.action = entry.action();
        this.targetType = entry.targetType();
        this.targetId = entry.targetId();
        this.details = entry.details();
        this.clientAddress = entry.clientAddress();
        this.requestId = entry.requestId();
    }

    AuditEntryView view() {
        return new AuditEntryView(
                eventId,
                at,
                actor,
                actorUserId,
                organisationId,
                action,
                targetType,
                targetId,
                details,
                clientAddress,
                requestId);
    }
}
