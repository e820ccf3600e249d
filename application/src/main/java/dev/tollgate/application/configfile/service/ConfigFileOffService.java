package dev.tollgate.application.configfile.service;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.configfile.port.in.ConfigFileStatus;
import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import java.util.Optional;
import java.util.Set;

/**
 * No configuration file is set: nothing is managed (what a file declared earlier may be changed through the API again;
 * its records wait for the file to be set again).
 */
public class ConfigFileOffService implements ConfigFileUseCase {
    @Override
    public void sync() {}

    @Override
    public ConfigFileStatus status() {
        return ConfigFileStatus.OFF;
    }

    @Override
    public ConfigFileStatus status(Caller caller) {
        caller.requireAdmin("only platform admins read the configuration file's status");
        return ConfigFileStatus.OFF;
    }

    @Override
    public Optional<String> managedBy(ManagedKind kind, String resourceId) {
        return Optional.empty();
    }

    @Override
    public Set<String> managed(ManagedKind kind) {
        return Set.of();
    }
}
