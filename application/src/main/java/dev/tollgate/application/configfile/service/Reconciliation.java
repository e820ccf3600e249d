package dev.tollgate.application.configfile.service;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort.Managed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One application of a file: who acts, when, the managed records, and each change made with its reason. */
final class Reconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final Caller caller;
    private final ManagedResourcePort managed;
    private final String file;
    private final Instant at;
    private final List<String> changes = new ArrayList<>();

    Reconciliation(Caller caller, ManagedResourcePort managed, String file, Instant at) {
        this.caller = caller;
        this.managed = managed;
        this.file = file;
        this.at = at;
    }

    Caller caller() {
        return caller;
    }

    <T> java.util.Map<String, Managed<T>> all(ManagedKind kind, Class<T> type) {
        return managed.all(kind.code(), type);
    }

    <T> void save(ManagedKind kind, Managed<T> record) {
        managed.save(kind.code(), record, at);
    }

    /** Records and logs a change, e.g. {@code channel deepseek: weight 1 → 2} with its reason. */
    void changed(ManagedKind kind, String name, String what) {
        String line = kind.code() + " " + name + ": " + what + " (" + file + ")";
        changes.add(line);
        LOG.info("configuration file: {}", line);
    }

    List<String> changes() {
        return List.copyOf(changes);
    }
}
