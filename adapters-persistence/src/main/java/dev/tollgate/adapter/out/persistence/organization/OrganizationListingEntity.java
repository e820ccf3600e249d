package dev.tollgate.adapter.out.persistence.organization;

import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code organization_listing} (changeset 060): an organisation as the admin API lists it. */
@Entity
@Table(name = "organization_listing")
class OrganizationListingEntity {
    @Id
    @Column(name = "organization_id")
    private String organizationId;

    private String name;
    private boolean personal;
    private String status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "member_count")
    private int memberCount;

    protected OrganizationListingEntity() {}

    OrganizationListingEntity(String organizationId, String name, boolean personal, Instant createdAt) {
        this.organizationId = organizationId;
        this.name = name;
        this.personal = personal;
        this.status = OrganizationListProjection.ENABLED;
        this.createdAt = createdAt;
    }

    void name(String name) {
        this.name = name;
    }

    void status(String status) {
        this.status = status;
    }

    /** Adds {@code change} (+1 or -1) to the member count. */
    void countMembers(int change) {
        this.memberCount = Math.addExact(memberCount, change);
    }

    /** The organisation as a viewer whose role in it is {@code viewerRole} (null: no member) sees it. */
    OrganizationView view(String viewerRole) {
        return new OrganizationView(organizationId, name, personal, status, createdAt, viewerRole, memberCount);
    }
}
