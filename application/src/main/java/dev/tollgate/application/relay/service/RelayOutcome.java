package dev.tollgate.application.relay.service;

import dev.tollgate.application.channel.query.RoutableChannel;
import dev.tollgate.application.relay.port.out.Usage;
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
    Usage usage;
    long images;
    long audioSeconds;
    int attempts;
    /** When the answer's first byte went to the client ({@link System#nanoTime()}), 0 before. */
    long firstByteAt;
    final StringBuilder text = new StringBuilder();
    String result = "failed";

    RelayOutcome(Consumer<RelayOutcome> settlement) {
        this.settlement = settlement;
    }

    void settleOnce() {
        if (!settled) {
            settled = true;
            settlement.accept(this);
        }
    }
}
