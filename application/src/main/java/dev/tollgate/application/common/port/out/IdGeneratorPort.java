package dev.tollgate.application.common.port.out;

/** New unique identifiers for aggregates and requests. */
public interface IdGeneratorPort {
    String newId();
}
