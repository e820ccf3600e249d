package dev.tollgate.application.configfile.port.out;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the configuration file manages, shared by every node on the database: per kind and declared name, the resource
 * it stands for and the declaration last applied to it (without secrets), and the fingerprint of the file last
 * applied. Nodes apply a file one at a time ({@link #exclusively}).
 */
public interface ManagedResourcePort {
    /**
     * A resource the file declares or declared.
     *
     * @param active true while the file declares it (the API refuses to change it); false once it was removed
     */
    record Managed<T>(String name, String resourceId, T applied, boolean active) {}

    <T> Map<String, Managed<T>> all(String kind, Class<T> type);

    <T> void save(String kind, Managed<T> managed, Instant at);

    /** The resource ids of a kind the file declares now. */
    Set<String> activeIds(String kind);

    /** The fingerprint of the file last applied by any node. */
    Optional<String> appliedDigest();

    void recordApplied(String digest, Instant at);

    /** Runs {@code work} while no other node (and no other thread) applies a file. */
    <T> T exclusively(Supplier<T> work);
}
