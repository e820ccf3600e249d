package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.adapter.out.persistence.OffsetPages;
import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Cursor;
import java.util.List;
import org.springframework.data.domain.PageRequest;

/**
 * Reads {@code audit_entry} through {@link AuditEntryRepository}: filters as a specification, offset pages as a
 * slice (no count query: {@link #count} is asked for separately), keyset pages as one more condition. One select
 * per page, whatever its size (the entity has no associations); each call is one read-only transaction of the
 * repository's.
 */
public class AuditLogPersistenceAdapter implements AuditLogPort {
    private final AuditEntryRepository entries;

    public AuditLogPersistenceAdapter(AuditEntryRepository entries) {
        this.entries = entries;
    }

    @Override
    public List<AuditEntryView> find(AuditFilter filter, int offset, int limit) {
        PageRequest page = OffsetPages.of(offset, limit, AuditEntrySpecifications.NEWEST_FIRST);
        return entries.findBy(AuditEntrySpecifications.matching(filter), q -> q.slice(page))
                .map(AuditEntryEntity::view)
                .getContent();
    }

    @Override
    public long count(AuditFilter filter) {
        return entries.count(AuditEntrySpecifications.matching(filter));
    }

    @Override
    public List<AuditEntryView> findAfter(AuditFilter filter, Cursor after, int limit) {
        return entries
                .findBy(
                        AuditEntrySpecifications.matching(filter).and(AuditEntrySpecifications.after(after)),
                        q -> q.sortBy(AuditEntrySpecifications.NEWEST_FIRST)
                                .limit(limit)
                                .all())
                .stream()
                .map(AuditEntryEntity::view)
                .toList();
    }
}
