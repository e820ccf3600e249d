package dev.tollgate.adapter.out.persistence.channel;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * {@code channel_listing}, filtered by organisation, type, status, group, model and search text (in the name, the base
 * URL or any model), in creation order (time, then id). A null filter matches everything.
 */
public interface ChannelListingRepository extends JpaRepository<ChannelListingEntity, String> {
    /**
     * The search text is matched against the models joined by {@link #MODEL_SEPARATOR}, a character no search text
     * holds (control characters are refused), so a match never spans two models.
     */
    String MODEL_SEPARATOR = "\n";

    String MATCHING = """
            from ChannelListingEntity c
            where (:organization is null or c.organizationId = :organization)
              and (:type is null or c.type = :type)
              and (:status is null or c.status = :status)
              and (:group is null or array_contains(c.groups, cast(:group as String)))
              and (:model is null or array_contains(c.models, cast(:model as String)))
              and (:search is null
                   or lower(c.name) like :search escape '\\'
                   or lower(c.baseUrl) like :search escape '\\'
                   or lower(array_to_string(c.models, :separator)) like :search escape '\\')""";

    @Query("select c " + MATCHING + " order by c.createdAt, c.channelId")
    Slice<ChannelListingEntity> findMatching(
            @Param("organization") String organizationId,
            @Param("type") String type,
            @Param("status") String status,
            @Param("group") String group,
            @Param("model") String model,
            @Param("search") String search,
            @Param("separator") String separator,
            Pageable page);

    @Query("select count(c) " + MATCHING)
    long countMatching(
            @Param("organization") String organizationId,
            @Param("type") String type,
            @Param("status") String status,
            @Param("group") String group,
            @Param("model") String model,
            @Param("search") String search,
            @Param("separator") String separator);
}
