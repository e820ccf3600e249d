package dev.tollgate.application.account.port.out;

import java.util.Optional;
import java.util.function.Supplier;

/** Small named values the installation keeps in its database (for example the access-token signing key). */
public interface SettingsPort {
    Optional<String> find(String name);

    /**
     * Returns the stored value, or stores the supplied one when there is none yet. Safe when several nodes start at
     * once: exactly one value wins and every caller gets it.
     */
    String findOrCreate(String name, Supplier<String> initialValue);
}
