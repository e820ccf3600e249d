package dev.tollgate.application.migration.port.out;

import java.time.Instant;
import java.util.Map;

/**
 * What an import already brought across: for each kind of record ({@code channel}, {@code user}, …) the one-api ids
 * done and the Tollgate ids they became. A second import skips them.
 */
public interface ImportRecordPort {
    /** One-api id → Tollgate id of every record of {@code kind} imported from {@code source}. */
    Map<String, String> imported(String source, String kind);

    /** Notes one record as imported (a second note of the same id changes nothing). */
    void record(String source, String kind, String sourceId, String targetId, Instant at);
}
