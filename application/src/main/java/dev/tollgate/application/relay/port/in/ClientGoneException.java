package dev.tollgate.application.relay.port.in;

/** The client closed its connection while the answer was being written. */
public class ClientGoneException extends RuntimeException {
    public ClientGoneException(Throwable cause) {
        super("client closed the connection", cause);
    }
}
