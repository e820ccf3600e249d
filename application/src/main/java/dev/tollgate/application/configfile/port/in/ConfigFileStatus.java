package dev.tollgate.application.configfile.port.in;

import dev.tollgate.application.configfile.port.out.ConfigProblem;
import java.time.Instant;
import java.util.List;

/**
 * Where the configuration file stands on this node.
 *
 * @param state     {@code off} (no file is set), {@code applied} (the file in force is the one on disk),
 *                  {@code invalid} (the file on disk is refused; the last good one stays in force) or {@code failed}
 *                  (a change was refused while it was applied; it is tried again)
 * @param digest    SHA-256 of the file last read
 * @param problems  why the file is refused, each with its line
 * @param changes   what the last application of the file changed on this node, each with its reason (empty when
 *                  another node applied it, or nothing differed)
 */
public record ConfigFileStatus(
        String file,
        String state,
        String digest,
        Instant checkedAt,
        Instant appliedAt,
        List<ConfigProblem> problems,
        List<String> changes) {
    public static final ConfigFileStatus OFF =
            new ConfigFileStatus(null, "off", null, null, null, List.of(), List.of());

    public ConfigFileStatus {
        problems = List.copyOf(problems);
        changes = List.copyOf(changes);
    }
}
