package dev.tollgate.adapter.out.persistence.redemption;

import java.time.Instant;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * {@code redemption_batch_listing} without the deleted batches, filtered by name and by the status as of {@code now}
 * (the conditions of {@link RedemptionBatchListingEntity#view}), newest first (time, then id). A null filter matches
 * everything.
 */
public interface RedemptionBatchListingRepository extends JpaRepository<RedemptionBatchListingEntity, String> {
    String LISTED = """
            from RedemptionBatchListingEntity b
            where b.deleted = false
              and (:search is null or lower(b.name) like :search escape '\\')
              and (:status is null
                or (:status = 'disabled' and b.disabled = true)
                or (:status = 'expired' and b.disabled = false and b.expiresAt <= :now)
                or (:status = 'used_up' and b.disabled = false and (b.expiresAt is null or b.expiresAt > :now)
                    and b.redeemedCount >= b.codeCount)
                or (:status = 'active' and b.disabled = false and (b.expiresAt is null or b.expiresAt > :now)
                    and b.redeemedCount < b.codeCount))""";

    @Query("select b " + LISTED + " order by b.createdAt desc, b.batchId desc")
    Slice<RedemptionBatchListingEntity> findListed(
            @Param("search") String search, @Param("status") String status, @Param("now") Instant now, Pageable page);

    @Query("select count(b) " + LISTED)
    long countListed(@Param("search") String search, @Param("status") String status, @Param("now") Instant now);
}
