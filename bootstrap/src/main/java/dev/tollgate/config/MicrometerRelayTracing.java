package dev.tollgate.config;

import dev.tollgate.application.relay.port.out.RelayTracingPort;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RelayTracingPort} on Micrometer Tracing (OpenTelemetry underneath). This object stands for the span current
 * on the request thread (the HTTP server span, which continued the client's {@code traceparent}); each relay step is a
 * span started from it or from another step's span, made current while it runs so that log lines carry its ids. Used
 * only when tracing is on.
 */
final class MicrometerRelayTracing implements RelayTracingPort {
    private final Tracer tracer;
    private final Propagator propagator;

    MicrometerRelayTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public RelayTracingPort start(String name) {
        return open(tracer.nextSpan().name(name));
    }

    @Override
    public RelayTracingPort tag(String key, String value) {
        Span current = tracer.currentSpan();
        if (current != null && value != null) {
            current.tag(key, value);
        }
        return this;
    }

    @Override
    public RelayTracingPort tag(String key, long value) {
        Span current = tracer.currentSpan();
        if (current != null) {
            current.tag(key, value);
        }
        return this;
    }

    @Override
    public String traceparent() {
        Span current = tracer.currentSpan();
        return current == null ? null : traceparent(current);
    }

    /** The current span belongs to whoever opened it: nothing to end here. */
    @Override
    public void close() {}

    private RelayTracingPort open(Span span) {
        span.start();
        return new Traced(span, tracer.withSpan(span));
    }

    private String traceparent(Span span) {
        Map<String, String> headers = new HashMap<>(4);
        propagator.inject(span.context(), headers, Map::put);
        return headers.get("traceparent");
    }

    /** A span started by the relay: ended (and its scope closed) by {@link #close()}. */
    private final class Traced implements RelayTracingPort {
        private final Span span;
        private final Tracer.SpanInScope scope;

        Traced(Span span, Tracer.SpanInScope scope) {
            this.span = span;
            this.scope = scope;
        }

        @Override
        public RelayTracingPort start(String name) {
            return open(tracer.nextSpan(span).name(name));
        }

        @Override
        public RelayTracingPort tag(String key, String value) {
            if (value != null) {
                span.tag(key, value);
            }
            return this;
        }

        @Override
        public RelayTracingPort tag(String key, long value) {
            span.tag(key, value);
            return this;
        }

        @Override
        public String traceparent() {
            return MicrometerRelayTracing.this.traceparent(span);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
