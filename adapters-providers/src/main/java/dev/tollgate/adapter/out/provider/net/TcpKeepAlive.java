package dev.tollgate.adapter.out.provider.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * TCP keep-alive on a socket to a provider (or to the proxy in front of it): after {@link #IDLE} without traffic the
 * kernel probes the peer every {@link #INTERVAL}, and after {@link #PROBES} unanswered probes the connection fails.
 * A peer that vanished without a reset (a half-open connection) is so found within about 30 s, while a provider that
 * is still generating answers the probes (docs/providers.md, "A hung or half-open upstream"). Where the platform does
 * not offer the timings, the system's keep-alive defaults apply; where it offers no keep-alive at all, nothing is set.
 */
public final class TcpKeepAlive {
    /** Silence before the first probe. */
    public static final Duration IDLE = Duration.ofSeconds(15);
    /** Time between probes. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Unanswered probes after which the connection fails. */
    public static final int PROBES = 3;

    private TcpKeepAlive() {}

    /** Turns keep-alive on with the timings above, as far as the platform supports them; never fails. */
    public static void on(Socket socket) {
        if (!set(socket, StandardSocketOptions.SO_KEEPALIVE, true)) {
            return;
        }
        set(socket, ExtendedSocketOptions.TCP_KEEPIDLE, (int) IDLE.toSeconds());
        set(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, (int) INTERVAL.toSeconds());
        set(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, PROBES);
    }

    private static <T> boolean set(Socket socket, SocketOption<T> option, T value) {
        if (!socket.supportedOptions().contains(option)) {
            return false;
        }
        try {
            socket.setOption(option, value);
            return true;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // the platform's defaults stay
        }
    }
}
