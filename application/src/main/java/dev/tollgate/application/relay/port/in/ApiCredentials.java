package dev.tollgate.application.relay.port.in;

/** The API key a client presented (may be null when none was sent) and the client's address. */
public record ApiCredentials(String apiKey, String clientAddress) {
    @Override
    public String toString() {
        return "ApiCredentials[apiKey=<hidden>, clientAddress=" + clientAddress + "]";
    }
}
