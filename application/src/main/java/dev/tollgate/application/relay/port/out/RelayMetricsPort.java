package dev.tollgate.application.relay.port.out;

import dev.tollgate.domain.billing.event.RequestSettledEvent;

/** Operational metrics of the relay (requests, tokens, cost, latency by model, channel and outcome). */
public interface RelayMetricsPort {
    void settled(RequestSettledEvent settlement);
}
