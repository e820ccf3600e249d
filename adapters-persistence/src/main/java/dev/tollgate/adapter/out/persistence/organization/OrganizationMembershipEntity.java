package dev.tollgate.adapter.out.persistence.organization;

import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One row of {@code organization_membership} (changeset 060): a member of an organisation and their role. */
@Entity
@Table(name = "organization_membership")
@IdClass(OrganizationMembershipEntity.Key.class)
class OrganizationMembershipEntity {
    /** The name shown for a member whose user was deleted (as the in-memory view shows it). */
    static final String DELETED_USER = "(deleted user)";

    /** The primary key: (organisation, user). */
    static class Key implements Serializable {
        private String organizationId;
        private String userId;

        protected Key() {}

        Key(String organizationId, String userId) {
            this.organizationId = organizationId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(organizationId, key.organizationId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, userId);
        }
    }

    @Id
    @Column(name = "organization_id")
    private String organizationId;

    @Id
    @Column(name = "user_id")
    private String userId;

    private String role;

    protected OrganizationMembershipEntity() {}

    OrganizationMembershipEntity(String organizationId, String userId, String role) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.role = role;
    }

    String role() {
        return role;
    }

    void role(String role) {
        this.role = role;
    }

    MemberView view(String username) {
        return new MemberView(userId, username == null ? DELETED_USER : username, role);
    }
}
