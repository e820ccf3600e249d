package dev.tollgate.application.audit.port.in;

import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;

/**
 * Who did what, when, from which address. Platform admins read every entry; anyone else only the entries of their own
 * actions (same answer shape, their filter narrowed to themselves).
 */
public interface AuditLogUseCase {
    Page<AuditEntryView> find(AuditFilter filter, PageRequest page, Caller caller);

    /** The same entries by keyset: newest first, right after the cursor, as deep as the log goes. */
    CursorPage<AuditEntryView> scroll(AuditFilter filter, CursorRequest page, Caller caller);
}
