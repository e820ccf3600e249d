package dev.tollgate.application.account.port.out;

import java.util.function.Supplier;

/**
 * Secrets the installation makes once and keeps in its database (the session signing key, the invite codes' key),
 * encrypted at rest with the installation's secret key like the channels' upstream keys.
 */
public interface SecretSettingsPort {
    /**
     * Returns the stored secret, or stores the supplied one when there is none yet. Safe when several nodes start at
     * once: exactly one value wins and every caller gets it. A secret an older version stored in clear is encrypted
     * in place and keeps its value.
     */
    byte[] findOrCreate(String name, Supplier<byte[]> initialValue);
}
