package dev.tollgate.application.migration.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Brings a one-api installation across: channels, users, keys (the same secrets keep working), balances, unused
 * redemption codes and prices, each through the usual commands with the actor {@code import}. Root only. Records
 * already imported are skipped, so a second run imports nothing twice; a dry run changes nothing and answers the plan.
 */
public interface ImportOneApiUseCase {
    ImportReport importOneApi(String source, boolean dryRun, ImportProgressSink progress, Caller caller);
}
