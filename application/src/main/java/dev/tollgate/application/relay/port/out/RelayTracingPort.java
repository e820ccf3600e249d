package dev.tollgate.application.relay.port.out;

/**
 * Traces of the relay (issue 16): a span per relayed request with child spans for routing, each upstream attempt and
 * the settlement. The relay only names its steps and tags them; the adapter decides where spans go. The port given to
 * the relay stands for the thread's current span; {@link #start} returns a port that stands for the new span, so a
 * step's children are started from it. When tracing is off the adapter is {@link #OFF}: every call returns that same
 * object, so the hot path allocates nothing. Never given a key, prompt or completion.
 */
public interface RelayTracingPort extends AutoCloseable {
    /** Tracing off: nothing is recorded, nothing is propagated. */
    RelayTracingPort OFF = new RelayTracingPort() {
        @Override
        public RelayTracingPort start(String name) {
            return this;
        }

        @Override
        public RelayTracingPort tag(String key, String value) {
            return this;
        }

        @Override
        public RelayTracingPort tag(String key, long value) {
            return this;
        }

        @Override
        public String traceparent() {
            return null;
        }

        @Override
        public void close() {}
    };

    /**
     * Starts a span, child of the span this port stands for (for the relay's own port, the HTTP request's), and makes
     * it current until the returned port is closed.
     */
    RelayTracingPort start(String name);

    /** Adds an attribute to this span; a null value is left out. */
    RelayTracingPort tag(String key, String value);

    /** Adds a numeric attribute (no boxing when tracing is off). */
    RelayTracingPort tag(String key, long value);

    /** This span's W3C {@code traceparent} header value, for the upstream call; null when not traced. */
    String traceparent();

    /** Ends this span and restores the span that was current before (nothing for the relay's own port). */
    @Override
    void close();
}
