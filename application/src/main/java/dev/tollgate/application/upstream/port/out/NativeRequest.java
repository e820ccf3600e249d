package dev.tollgate.application.upstream.port.out;

/**
 * The client's request in its own protocol, kept so that a channel speaking that protocol gets it byte for byte
 * (and its answer goes back unconverted), while channels of other protocols get the converted OpenAI request.
 *
 * @param protocol the protocol, e.g. {@code anthropic} (the channel type that speaks it)
 * @param body     the client's body, exactly as received
 */
public record NativeRequest(String protocol, byte[] body) {
    @Override
    public String toString() {
        return "NativeRequest[protocol=" + protocol + ", " + body.length + " bytes]";
    }
}
