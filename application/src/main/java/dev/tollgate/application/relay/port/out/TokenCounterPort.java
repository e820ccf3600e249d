package dev.tollgate.application.relay.port.out;

/** Counts tokens the way the model's family does, for the requests whose upstream reports no usage. */
public interface TokenCounterPort {
    long countTokens(String model, String text);
}
