package dev.tollgate.application.configfile.port.in;

import dev.tollgate.application.common.Caller;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration file ({@code tollgate.yaml}): applies it when it changed, reports where it stands, tells which
 * resources it manages.
 */
public interface ConfigFileUseCase {
    /**
     * Reads the file when it changed since the last call; a valid file is applied (only what differs, once across
     * all nodes), an invalid one changes nothing and is reported in {@link #status()}.
     */
    void sync();

    ConfigFileStatus status();

    /** Platform admins: the status; others are refused. */
    ConfigFileStatus status(Caller caller);

    /** The file's path when the resource of this kind and id is declared in it. */
    Optional<String> managedBy(ManagedKind kind, String resourceId);

    /** The ids of a kind the file declares (empty when no file is set). */
    Set<String> managed(ManagedKind kind);
}
