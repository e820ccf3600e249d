package dev.tollgate.adapter.out.persistence.token;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * {@code token_listing}, filtered by owner, organisation, status and search text (in the name or the masked key),
 * newest first, then id. A null filter matches everything.
 */
public interface TokenListingRepository extends JpaRepository<TokenListingEntity, String> {
    String MATCHING = """
            from TokenListingEntity t
            where (:owner is null or t.ownerId = :owner)
              and (:organization is null or t.organizationId = :organization)
              and (:status is null or t.status = :status)
              and (:search is null
                   or lower(t.name) like :search escape '\\'
                   or lower(t.maskedKey) like :search escape '\\')""";
    String ORDER = " order by t.createdAt desc, t.tokenId";

    @Query("select t " + MATCHING + ORDER)
    Slice<TokenListingEntity> findMatching(
            @Param("owner") String ownerId,
            @Param("organization") String organizationId,
            @Param("status") String status,
            @Param("search") String search,
            Pageable page);

    @Query("select count(t) " + MATCHING)
    long countMatching(
            @Param("owner") String ownerId,
            @Param("organization") String organizationId,
            @Param("status") String status,
            @Param("search") String search);

    /** The keys after the given position in the list's order (a keyset page). */
    @Query("select t " + MATCHING + """

              and (t.createdAt < :at or (t.createdAt = :at and t.tokenId > :id))""" + ORDER)
    List<TokenListingEntity> findAfter(
            @Param("owner") String ownerId,
            @Param("organization") String organizationId,
            @Param("status") String status,
            @Param("search") String search,
            @Param("at") Instant createdAt,
            @Param("id") String tokenId,
            Limit limit);
}
