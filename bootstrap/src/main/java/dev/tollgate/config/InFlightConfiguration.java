package dev.tollgate.config;

import dev.tollgate.adapter.in.web.relay.InFlightLimit;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's bound on relayed requests in flight (issue 20) and its metrics: {@code tollgate_relay_in_flight} (now),
 * {@code tollgate_relay_in_flight_limit} and {@code tollgate_relay_overload_refusals_total}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InFlightProperties.class)
public class InFlightConfiguration {
    private static final Logger log = LoggerFactory.getLogger(InFlightConfiguration.class);

    @Bean
    InFlightLimit inFlightLimit(InFlightProperties properties, MeterRegistry registry) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        InFlightLimit limit = new InFlightLimit(properties.limit(maxHeap), properties.retryAfter());
        log.info(
                "relay: at most {} requests in flight on this node ({}; maximum heap {} MiB)",
                limit.max(),
                properties.maxRequests() > 0 ? "tollgate.in-flight.max-requests" : "derived from the heap",
                maxHeap / (1024 * 1024));
        Gauge.builder("tollgate.relay.in.flight", limit, InFlightLimit::inFlight)
                .description("relayed requests and realtime sessions in flight on this node")
                .register(registry);
        Gauge.builder("tollgate.relay.in.flight.limit", limit, InFlightLimit::max)
                .description("the most relayed requests this node serves at once (tollgate.in-flight)")
                .register(registry);
        FunctionCounter.builder("tollgate.relay.overload.refusals", limit, InFlightLimit::refused)
                .description("relayed requests refused with 503 server_overloaded: the node was at its limit")
                .register(registry);
        return limit;
    }
}
