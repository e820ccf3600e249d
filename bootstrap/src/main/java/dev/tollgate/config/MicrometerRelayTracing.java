package dev.tollgate.config;

import dev.tollgate.application.relay.port.out.RelayTracingPort;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RelayTracingPort} on Micrometer Tracing (OpenTelemetry underneath): each relay step is a span, child of the
 * span current on the request thread (the HTTP server span, which continued the client's {@code traceparent}), made
 * current while it runs so that log lines carry its ids. Used only when tracing is on.
 */
final class MicrometerRelayTracing implements RelayTracingPort {
    private final Tracer tracer;
    private final Propagator propagator;

    MicrometerRelayTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public RelaySpan start(String name) {
        return open(tracer.nextSpan().name(name));
    }

    private RelaySpan open(Span span) {
        span.start();
        return new Traced(span, tracer.withSpan(span));
    }

    private final class Traced implements RelaySpan {
        private final Span span;
        private final Tracer.SpanInScope scope;

        Traced(Span span, Tracer.SpanInScope scope) {
            this.span = span;
            this.scope = scope;
        }

        @Override
        public RelaySpan child(String name) {
            return open(tracer.nextSpan(span).name(name));
        }

        @Override
        public RelaySpan tag(String key, String value) {
            if (value != null) {
                span.tag(key, value);
            }
            return this;
        }

        @Override
        public RelaySpan tag(String key, long value) {
            span.tag(key, value);
            return this;
        }

        @Override
        public String traceparent() {
            Map<String, String> headers = new HashMap<>(4);
            propagator.inject(span.context(), headers, Map::put);
            return headers.get("traceparent");
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
