package dev.tollgate.application.account.port.in;

import java.util.Optional;

/** Creates the root account on first start. */
public interface RootAccountUseCase {
    /**
     * Creates the {@code root} user when it does not exist yet.
     *
     * @param configuredPassword the password from configuration, or {@code null} to generate one
     * @return the generated password when one was generated (to be shown once), else empty
     */
    Optional<String> ensureRootExists(String configuredPassword);
}
