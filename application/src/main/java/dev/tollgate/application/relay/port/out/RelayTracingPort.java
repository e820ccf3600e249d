package dev.tollgate.application.relay.port.out;

/**
 * Traces of the relay (issue 16): a span per relayed request with child spans for routing, each upstream attempt and
 * the settlement. The relay only names its steps and tags them; the adapter decides where spans go. When tracing is
 * off the adapter is {@link #OFF}: every call returns the same do-nothing span, so the hot path allocates nothing.
 * Never given a key, prompt or completion.
 */
public interface RelayTracingPort {
    /** Tracing off: nothing is recorded, nothing is propagated. */
    RelayTracingPort OFF = name -> RelaySpan.NONE;

    /** Starts a span, child of the caller's current one (the HTTP request's), and makes it current until closed. */
    RelaySpan start(String name);

    /** A started span; closing it ends it and restores the span that was current before. */
    interface RelaySpan extends AutoCloseable {
        /** The span of tracing off: records nothing. */
        RelaySpan NONE = new RelaySpan() {
            @Override
            public RelaySpan child(String name) {
                return this;
            }

            @Override
            public RelaySpan tag(String key, String value) {
                return this;
            }

            @Override
            public RelaySpan tag(String key, long value) {
                return this;
            }

            @Override
            public String traceparent() {
                return null;
            }

            @Override
            public void close() {
            }
        };

        /** Starts a child of this span (whichever span is current now) and makes it current until closed. */
        RelaySpan child(String name);

        /** Adds an attribute; a null value is left out. */
        RelaySpan tag(String key, String value);

        /** Adds a numeric attribute (no boxing when tracing is off). */
        RelaySpan tag(String key, long value);

        /** This span's W3C {@code traceparent} header value, for the upstream call; null when not traced. */
        String traceparent();

        @Override
        void close();
    }
}
