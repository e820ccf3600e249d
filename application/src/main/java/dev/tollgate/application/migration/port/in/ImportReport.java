package dev.tollgate.application.migration.port.in;

import java.util.List;

/**
 * What an import did (or, for a dry run, would do), kind by kind, in the order they are imported. {@code created}
 * counts the records brought across in this run (planned ones in a dry run), {@code alreadyImported} those a previous
 * run brought, {@code skipped} those that do not come across (with why), {@code failed} those refused on the way.
 */
public record ImportReport(boolean dryRun, List<Kind> kinds) {
    public ImportReport {
        kinds = List.copyOf(kinds);
    }

    public record Kind(
            String kind, int created, int alreadyImported, List<Line> skipped, List<Line> failed, List<String> notes) {
        public Kind {
            skipped = List.copyOf(skipped);
            failed = List.copyOf(failed);
            notes = List.copyOf(notes);
        }
    }

    /** One record that was not imported: its one-api id, its name and why. */
    public record Line(String sourceId, String name, String reason) {}

    public boolean anyFailed() {
        return kinds.stream().anyMatch(k -> !k.failed().isEmpty());
    }

    /** The report as the command line prints it. */
    public String render() {
        StringBuilder sb =
                new StringBuilder(dryRun ? "one-api import plan (dry run, nothing changed)\n" : "one-api import\n");
        for (Kind k : kinds) {
            sb.append(String.format(
                    "%-12s %s %d, already imported %d, skipped %d, failed %d%n",
                    k.kind(),
                    dryRun ? "to create" : "created",
                    k.created(),
                    k.alreadyImported(),
                    k.skipped().size(),
                    k.failed().size()));
            k.notes().forEach(n -> sb.append("    note: ").append(n).append('\n'));
            k.skipped()
                    .forEach(l -> sb.append("    skipped #")
                            .append(l.sourceId())
                            .append(' ')
                            .append(l.name())
                            .append(": ")
                            .append(l.reason())
                            .append('\n'));
            k.failed()
                    .forEach(l -> sb.append("    FAILED  #")
                            .append(l.sourceId())
                            .append(' ')
                            .append(l.name())
                            .append(": ")
                            .append(l.reason())
                            .append('\n'));
        }
        return sb.toString();
    }
}
