package dev.tollgate.application.audit.port.out;

import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import java.util.List;

/** The stored audit log (a projection of the events that carry an actor). */
public interface AuditLogPort {
    /** Newest first. */
    List<AuditEntryView> find(AuditFilter filter, int offset, int limit);

    long count(AuditFilter filter);
}
