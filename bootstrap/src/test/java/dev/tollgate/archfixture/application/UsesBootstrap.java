package dev.tollgate.archfixture.application;

import dev.tollgate.archfixture.FixtureApplication;
import dev.tollgate.archfixture.config.FixtureSettings;

/** Wrong: the application layer reaches out to the bootstrap module's root class and wiring. */
public class UsesBootstrap {

    int retries(FixtureSettings settings, FixtureApplication application) {
        return settings.maxRetries();
    }
}
