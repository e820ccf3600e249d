package dev.tollgate.application.relay.service;

import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.relay.port.out.RelayTracingPort;
import dev.tollgate.application.upstream.port.out.Usage;
import java.util.function.Consumer;

/**
 * What happened to a relayed request, filled in as the relay goes. Settled exactly once: before the last byte of a
 * successful answer is written (so a client that reads its balance right after sees the charge), or at the end
 * otherwise.
 */
final class RelayOutcome {
    private final Consumer<RelayOutcome> settlement;
    private boolean settled;
    RoutableChannel channel;
    String upstreamModel;
    int upstreamStatus;
    boolean delivered;
    /** {@link System#nanoTime()} when the answer's first byte was about to go to the client; 0 until then. */
    long firstByteAt;

    Usage usage;
    long images;
    long audioSeconds;
    int attempts;
    final StringBuilder text = new StringBuilder();
    String result = "failed";
    /** The request's span: its routing, attempts and settlement are its children. */
    RelayTracingPort span = RelayTracingPort.OFF;

    RelayOutcome(Consumer<RelayOutcome> settlement) {
        this.settlement = settlement;
    }

    /** The answer starts going to the client: from now on it counts as delivered. */
    void deliver() {
        delivered = true;
        firstByteAt = System.nanoTime();
    }

    void settleOnce() {
        if (!settled) {
            settled = true;
            settlement.accept(this);
        }
    }
}
