package dev.tollgate.application.relay.port.out;

/** Token counts an upstream reported. Negative or absent figures are reported as 0 by the adapter. */
public record Usage(long promptTokens, long completionTokens) {
    public Usage {
        promptTokens = Math.max(0, promptTokens);
        completionTokens = Math.max(0, completionTokens);
    }
}
