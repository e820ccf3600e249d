package dev.tollgate.adapter.out.persistence.organization;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * {@code organization_listing}, each row with the viewer's role in it (one left join on {@code
 * organization_membership}), filtered by member, name, status and kind, in creation order (time, then id). A null
 * filter matches everything.
 */
public interface OrganizationListingRepository extends JpaRepository<OrganizationListingEntity, String> {
    String VISIBLE = """
            from OrganizationListingEntity o
            left join OrganizationMembershipEntity m on m.organizationId = o.organizationId and m.userId = :viewer
            where (:everyone = true or m.userId is not null)
              and (:status is null or o.status = :status)
              and (:personal is null or o.personal = :personal)
              and (:search is null or lower(o.name) like :search escape '\\')""";

    /** A page of rows: each an {@code Object[]} of the entity and the viewer's role (null: no member). */
    @Query("select o, m.role " + VISIBLE + " order by o.createdAt, o.organizationId")
    Slice<Object[]> findVisible(
            @Param("viewer") String viewerId,
            @Param("everyone") boolean everyone,
            @Param("status") String status,
            @Param("personal") Boolean personal,
            @Param("search") String search,
            Pageable page);

    @Query("select count(o) " + VISIBLE)
    long countVisible(
            @Param("viewer") String viewerId,
            @Param("everyone") boolean everyone,
            @Param("status") String status,
            @Param("personal") Boolean personal,
            @Param("search") String search);
}
