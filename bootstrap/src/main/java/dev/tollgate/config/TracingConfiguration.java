package dev.tollgate.config;

import dev.tollgate.adapter.in.web.error.RequestIdFilter;
import dev.tollgate.application.relay.port.out.RelayTracingPort;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Traces (issue 16): with {@code tollgate.tracing.enabled} the relay's steps are spans ({@link MicrometerRelayTracing})
 * and every response's {@code X-Request-Id} is its trace id; without it the relay gets {@link RelayTracingPort#OFF}
 * (nothing allocated, nothing propagated) and {@code X-Request-Id} stays a random id per request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TracingProperties.class)
public class TracingConfiguration {
    /** Right after Spring's {@code ServerHttpObservationFilter} (highest precedence + 1), which opens the span. */
    static final int TRACE_ID_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    RelayTracingPort relayTracing(
            TracingProperties properties, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        if (!properties.enabled()) {
            return RelayTracingPort.OFF;
        }
        return new MicrometerRelayTracing(tracer.getObject(), propagator.getObject());
    }

    @Bean
    @ConditionalOnProperty(name = "tollgate.tracing.enabled", havingValue = "true")
    FilterRegistrationBean<TraceIdAsRequestId> traceIdAsRequestId(Tracer tracer) {
        FilterRegistrationBean<TraceIdAsRequestId> registration =
                new FilterRegistrationBean<>(new TraceIdAsRequestId(tracer));
        registration.setOrder(TRACE_ID_FILTER_ORDER);
        return registration;
    }

    /**
     * Replaces the request's random id with its trace id (continued from the client's {@code traceparent}, or new),
     * so that {@code X-Request-Id}, the {@code traceId} of problems and the log lines name the same trace.
     */
    static final class TraceIdAsRequestId extends OncePerRequestFilter {
        private final Tracer tracer;

        TraceIdAsRequestId(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            io.micrometer.tracing.TraceContext context =
                    tracer.currentTraceContext().context();
            if (context != null) {
                request.setAttribute(RequestIdFilter.ATTRIBUTE, context.traceId());
                response.setHeader("X-Request-Id", context.traceId());
            }
            chain.doFilter(request, response);
        }
    }
}
