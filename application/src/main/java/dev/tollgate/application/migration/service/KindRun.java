package dev.tollgate.application.migration.service;

import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.migration.port.in.ImportProgressSink;
import dev.tollgate.application.migration.port.in.ImportReport;
import dev.tollgate.application.migration.port.out.ImportRecordPort;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import of one kind of record: which one-api ids a previous run already brought (and what they became), what
 * this run creates (noted in the import records at once, so that a run stopped part-way resumes where it stopped),
 * what is skipped and what failed, and the progress shown while it runs.
 */
final class KindRun {
    /** What a record would become in a dry run. */
    static final String PLANNED = "(planned)";

    private static final Logger LOG = LoggerFactory.getLogger(KindRun.class);
    private static final int PROGRESS_EVERY = 1000;

    private final String kind;
    private final String source;
    private final Map<String, String> done;
    private final Map<String, String> createdNow = new HashMap<>();
    private final boolean dryRun;
    private final ImportRecordPort records;
    private final ImportProgressSink progress;
    private final ClockPort clock;
    private final List<ImportReport.Line> skipped = new ArrayList<>();
    private final List<ImportReport.Line> failed = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int alreadyImported;
    private int seen;
    private int total;

    KindRun(
            String kind,
            String source,
            boolean dryRun,
            ImportRecordPort records,
            ImportProgressSink progress,
            ClockPort clock) {
        this.kind = kind;
        this.source = source;
        this.dryRun = dryRun;
        this.records = records;
        this.progress = progress;
        this.clock = clock;
        this.done = records.imported(source, kind);
    }

    boolean dryRun() {
        return dryRun;
    }

    void start(int rows) {
        total = rows;
        progress.report(kind + ": " + rows + " to look at");
    }

    /** Counts a row looked at; true when a previous run imported it already. */
    boolean alreadyDone(String sourceId) {
        tick();
        if (done.containsKey(sourceId)) {
            alreadyImported++;
            return true;
        }
        return false;
    }

    private void tick() {
        seen++;
        if (seen % PROGRESS_EVERY == 0) {
            progress.report(kind + ": " + seen + "/" + total);
        }
    }

    void skip(String sourceId, String name, String reason) {
        skipped.add(new ImportReport.Line(sourceId, name, reason));
    }

    void fail(String sourceId, String name, String reason) {
        failed.add(new ImportReport.Line(sourceId, name, reason));
    }

    void note(String note) {
        notes.add(note);
    }

    /** A row brought across (or, in a dry run, that would be), as {@code targetId}. */
    void created(String sourceId, String targetId) {
        if (!dryRun) {
            records.record(source, kind, sourceId, targetId, clock.now());
        }
        createdNow.put(sourceId, dryRun ? PLANNED : targetId);
    }

    /** What a one-api id became: in a previous run or in this one. */
    Optional<String> targetOf(String sourceId) {
        String t = createdNow.get(sourceId);
        return Optional.ofNullable(t != null ? t : done.get(sourceId));
    }

    /**
     * Why a row failed: the business rule's message, or for anything unexpected (a database constraint, …) its kind
     * and message, so that one bad row never stops the import of the others.
     */
    static String reason(RuntimeException e) {
        if (e instanceof DomainException || e instanceof InvalidValueException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.warn("an imported row was refused", e);
        // the message of an unexpected error may quote stored values: the report names only its kind
        return "refused: " + root.getClass().getSimpleName() + " (details in the log)";
    }

    ImportReport.Kind report() {
        progress.report(kind + ": " + createdNow.size() + (dryRun ? " to create" : " created") + ", "
                + alreadyImported + " already imported, " + skipped.size() + " skipped, " + failed.size()
                + " failed");
        return new ImportReport.Kind(kind, createdNow.size(), alreadyImported, skipped, failed, notes);
    }
}
