package dev.tollgate.application.relay.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each channel's recent time to first byte on this node, as a peak-sensitive moving average that decays with time
 * (not with the number of requests): a sample slower than the figure replaces it at once (a channel that slows down
 * is left at its first slow answer); a faster one pulls it down by {@code 1 - e^(-Δt/τ)}, Δt being the time since
 * the previous sample, so the figure reflects the last τ or so whatever the traffic, and a channel that is sampled
 * rarely (the exploration share) catches up with its recovery in a few samples.
 */
final class LatencyFigures {
    /** No figure yet: such a channel is tried first, to get one. */
    static final double UNKNOWN = -1;

    private final double tauNanos;
    private final Map<String, Figure> figures = new ConcurrentHashMap<>();

    LatencyFigures(long decayNanos) {
        if (decayNanos <= 0) {
            throw new IllegalArgumentException("decayNanos must be > 0");
        }
        this.tauNanos = decayNanos;
    }

    private static final class Figure {
        private double value = UNKNOWN;
        private long at;

        synchronized void add(long sampleNanos, long now, double tauNanos) {
            if (value < 0 || sampleNanos >= value) {
                value = sampleNanos;
            } else {
                double keep = Math.exp(-Math.max(0, now - at) / tauNanos);
                value = value * keep + sampleNanos * (1 - keep);
            }
            at = now;
        }

        synchronized double value() {
            return value;
        }
    }

    void record(String channelId, long sampleNanos, long now) {
        figures.computeIfAbsent(channelId, id -> new Figure()).add(Math.max(0, sampleNanos), now, tauNanos);
    }

    /** The channel's figure in nanoseconds, or {@link #UNKNOWN}. */
    double figure(String channelId) {
        Figure f = figures.get(channelId);
        return f == null ? UNKNOWN : f.value();
    }
}
