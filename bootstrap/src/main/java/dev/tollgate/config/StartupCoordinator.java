package dev.tollgate.config;

import dev.tollgate.application.account.port.in.RootAccountUseCase;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import dev.tollgate.config.properties.RootAccountProperties;
import dev.tollgate.config.properties.ViewsProperties;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start, after Axon has started and before the web server accepts connections: waits until the in-memory views
 * have replayed the event log, then makes sure the root account exists, printing a generated root password once.
 * So the port only opens when keys, channels and balances are complete: no request is ever judged on a half-built
 * view.
 */
@Component
public class StartupCoordinator implements SmartLifecycle {
    /** After Axon's lifecycle (MAX - 3072), before the web server starts (MAX - 2048). */
    static final int PHASE = Integer.MAX_VALUE - 2560;

    private static final Logger log = LoggerFactory.getLogger(StartupCoordinator.class);

    private final EventProcessingConfiguration processing;
    private final RootAccountUseCase rootAccount;
    private final String rootPassword;
    private final Duration replayTimeout;

    public StartupCoordinator(
            EventProcessingConfiguration processing,
            RootAccountUseCase rootAccount,
            RootAccountProperties root,
            ViewsProperties views) {
        this.processing = processing;
        this.rootAccount = rootAccount;
        this.rootPassword = root.rootPassword();
        this.replayTimeout = views.replayTimeout();
    }

    private volatile boolean running;

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void start() {
        awaitViewsCaughtUp();
        Optional<String> generated = rootAccount.ensureRootExists(rootPassword);
        generated.ifPresent(password -> log.warn("""

                ================================================================
                 Tollgate created the user 'root' with this generated password:

                     {}

                 It is shown only this once. Sign in and keep it safe, or start
                 with TOLLGATE_ROOT_PASSWORD set on a fresh data directory.
                ================================================================""", password));
        log.info("Tollgate is ready");
        running = true;
    }

    private void awaitViewsCaughtUp() {
        long startedAt = System.nanoTime();
        long deadline = startedAt + replayTimeout.toNanos();
        for (String name : new String[] {AxonConfiguration.VIEWS, ForeignRequestEvents.PROCESSING_GROUP}) {
            TrackingEventProcessor processor = processing
                    .eventProcessor(name, TrackingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("the event processor " + name + " is not configured"));
            awaitCaughtUp(processor, deadline);
        }
        log.info(
                "in-memory views replayed the event log and the quota snapshot in {} ms",
                (System.nanoTime() - startedAt) / 1_000_000);
    }

    private void awaitCaughtUp(TrackingEventProcessor processor, long deadline) {
        while (System.nanoTime() < deadline) {
            var status = processor.processingStatus();
            if (!status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying the event log", e);
            }
        }
        throw new IllegalStateException("the event processor " + processor.getName()
                + " did not catch up with its event log within " + replayTimeout);
    }
}
