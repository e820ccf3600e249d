package dev.tollgate.config;

import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * {@link ReadSideCatchUpPort} on Axon's tracking processors: reads the event store's head position (one indexed
 * {@code max(global_index)}), then waits until every segment this process runs of each named processor has passed it,
 * looking every millisecond, at most {@code wait}. A processor that is not running here, has no segment claimed here
 * (another node runs it) or is stopped on an error is not waited for.
 */
public class ProjectionCatchUp implements ReadSideCatchUpPort {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final Duration wait;

    public ProjectionCatchUp(EventProcessingConfiguration processing, EventStore events, Duration wait) {
        this.processing = processing;
        this.events = events;
        this.wait = wait;
    }

    @Override
    public boolean awaitCurrent(List<String> processingGroups) {
        if (wait.isZero()) {
            return false;
        }
        TrackingToken head = events.createHeadToken();
        long target = head == null ? -1 : head.position().orElse(-1);
        long deadline = System.nanoTime() + wait.toNanos();
        for (String group : processingGroups) {
            TrackingEventProcessor processor = processing
                    .eventProcessor(group, TrackingEventProcessor.class)
                    .orElse(null);
            while (processor != null && processor.isRunning() && !reached(processor.processingStatus(), target)) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        return true;
    }

    /** Whether every segment claimed here has passed {@code target} (or stopped on an error: nothing to wait for). */
    private static boolean reached(Map<Integer, EventTrackerStatus> segments, long target) {
        for (EventTrackerStatus segment : segments.values()) {
            if (segment.isErrorState()) {
                continue;
            }
            OptionalLong position = segment.getCurrentPosition();
            if (position.isEmpty() || position.getAsLong() < target) {
                return false;
            }
        }
        return true;
    }
}
