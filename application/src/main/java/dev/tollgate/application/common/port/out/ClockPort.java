package dev.tollgate.application.common.port.out;

import java.time.Instant;

/** The time, supplied to aggregates through commands so that they stay deterministic. */
public interface ClockPort {
    Instant now();
}
