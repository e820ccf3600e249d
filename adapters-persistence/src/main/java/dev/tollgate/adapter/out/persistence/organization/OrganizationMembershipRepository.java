package dev.tollgate.adapter.out.persistence.organization;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * {@code organization_membership}, each member with their username (one left join on {@code user_account}: null for
 * a deleted user), filtered by role and username, by role, then username, then id. A null filter matches everything.
 */
public interface OrganizationMembershipRepository
        extends JpaRepository<OrganizationMembershipEntity, OrganizationMembershipEntity.Key> {
    String OF_ORGANIZATION = """
            from OrganizationMembershipEntity m
            left join UserAccountEntity u on u.userId = m.userId
            where m.organizationId = :organization
              and (:role is null or m.role = :role)
              and (:search is null or lower(u.username) like :search escape '\\')""";

    /** A page of rows: each an {@code Object[]} of the entity and the member's username (null: deleted user). */
    @Query("select m, u.username " + OF_ORGANIZATION + " order by m.role, u.username, m.userId")
    Slice<Object[]> findMembers(
            @Param("organization") String organizationId,
            @Param("role") String role,
            @Param("search") String search,
            Pageable page);

    @Query("select count(m) " + OF_ORGANIZATION)
    long countMembers(
            @Param("organization") String organizationId, @Param("role") String role, @Param("search") String search);
}
