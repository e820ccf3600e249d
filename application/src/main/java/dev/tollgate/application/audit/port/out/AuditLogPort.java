package dev.tollgate.application.audit.port.out;

import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Cursor;
import java.util.List;

/** The stored audit log (a projection of the events that carry an actor). */
public interface AuditLogPort {
    /** Newest first. */
    List<AuditEntryView> find(AuditFilter filter, int offset, int limit);

    long count(AuditFilter filter);

    /**
     * Newest first, the entries right after {@code after} (time, then event id) — a keyset page: at most
     * {@code limit}, however deep.
     */
    List<AuditEntryView> findAfter(AuditFilter filter, Cursor after, int limit);

    /** The keyset position of an entry, as {@link #findAfter} reads it. */
    static Cursor positionOf(AuditEntryView entry) {
        return Cursor.of(entry.at().toString(), entry.eventId());
    }
}
