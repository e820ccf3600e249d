package dev.tollgate.adapter.in.web.audit;

import java.util.Optional;

/**
 * Where the admin API request being handled on this thread comes from: the client's address and the request's id. Set
 * by {@link ClientOriginFilter} for the length of a {@code /api/**} request; read when events are published (the
 * wiring adds both to every event's metadata, so the audit log can say from which address a change came).
 */
public record ClientOrigin(String address, String requestId) {
    private static final ThreadLocal<ClientOrigin> CURRENT = new ThreadLocal<>();

    /** The origin of the request handled on this thread, if any. */
    public static Optional<ClientOrigin> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(ClientOrigin origin) {
        CURRENT.set(origin);
    }

    static void clear() {
        CURRENT.remove();
    }
}
