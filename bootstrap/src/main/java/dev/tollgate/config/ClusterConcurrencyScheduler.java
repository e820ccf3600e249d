package dev.tollgate.config;

import dev.tollgate.application.relay.service.ClusterConcurrency;
import java.time.Duration;

/**
 * Tops up and gives back this node's shares of cluster-wide channel concurrency limits at a fixed interval, and gives
 * every share back when the application stops.
 */
class ClusterConcurrencyScheduler extends PeriodicJobs {
    private final ClusterConcurrency cluster;
    private final Duration interval;

    ClusterConcurrencyScheduler(ClusterConcurrency cluster, Duration interval) {
        super("cluster-concurrency");
        this.cluster = cluster;
        this.interval = interval;
    }

    @Override
    protected void schedule() {
        every(interval, interval, "rebalancing cluster-wide concurrency shares", cluster::rebalance);
    }

    @Override
    protected void stopped() {
        cluster.releaseAll();
    }
}
