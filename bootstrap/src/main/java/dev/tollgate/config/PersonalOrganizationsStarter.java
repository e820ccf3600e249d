package dev.tollgate.config;

import dev.tollgate.application.organization.service.PersonalOrganizations;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts creating missing personal organisations once the views have caught up and root exists (right after the
 * {@link StartupCoordinator}, before the web server opens).
 */
@Component
public class PersonalOrganizationsStarter implements SmartLifecycle {
    private final PersonalOrganizations personalOrganizations;
    private volatile boolean running;

    public PersonalOrganizationsStarter(PersonalOrganizations personalOrganizations) {
        this.personalOrganizations = personalOrganizations;
    }

    @Override
    public int getPhase() {
        return StartupCoordinator.PHASE + 1;
    }

    @Override
    public void start() {
        personalOrganizations.start();
        running = true;
    }

    @Override
    public void stop() {
        personalOrganizations.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
