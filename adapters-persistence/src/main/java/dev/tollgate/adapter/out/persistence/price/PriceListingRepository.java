package dev.tollgate.adapter.out.persistence.price;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** {@code price_listing}, filtered by model name (a null filter matches everything), by model name. */
public interface PriceListingRepository extends JpaRepository<PriceListingEntity, String> {
    String LISTED = """
            from PriceListingEntity p
            where (:search is null or lower(p.model) like :search escape '\\')""";

    @Query("select p " + LISTED + " order by p.model")
    Slice<PriceListingEntity> findListed(@Param("search") String search, Pageable page);

    @Query("select count(p) " + LISTED)
    long countListed(@Param("search") String search);
}
