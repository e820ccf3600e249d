package dev.tollgate.adapter.out.persistence.audit;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** {@code audit_entry}: filtered and paged with {@link AuditEntrySpecifications}. */
public interface AuditEntryRepository
        extends JpaRepository<AuditEntryEntity, String>, JpaSpecificationExecutor<AuditEntryEntity> {

    /** Whether this log recorded the creation of {@code id} as a shared (not a personal) organisation. */
    @Query("""
            select count(e) > 0 from AuditEntryEntity e where e.action = 'organization.created'
                and e.targetType = 'organization' and e.targetId = :id and e.organisationId = :id
                and e.details not like '% personal'""")
    boolean recordsSharedOrganization(@Param("id") String id);

    /** The organisation recorded with a channel's creation (empty list: never created here). */
    @Query("""
            select e.organisationId from AuditEntryEntity e
            where e.targetType = 'channel' and e.targetId = :id and e.action = 'channel.created'""")
    List<String> organisationOfCreatedChannel(@Param("id") String channelId);
}
