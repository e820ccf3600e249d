package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.in.RealtimeUseCase;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code GET /v1/realtime}: one gateway route, ordered ahead of the relay's table (whose last route answers every
 * other {@code /v1/**} path with 404), in both front-door modes. The handler upgrades the servlet request itself
 * through Tomcat's Jakarta WebSocket container, so no Spring WebSocket module and no second handler mapping is
 * involved; the relay paths bypass Spring Security as before.
 */
@Configuration(proxyBeanMethods = false)
public class RealtimeRoutes {
    @Bean
    RealtimeUpgradeHandler realtimeUpgradeHandler(
            RelayUseCase relay,
            RealtimeUseCase realtime,
            ObjectMapper mapper,
            RelayWebProperties web,
            InFlightLimit inFlight) {
        return new RealtimeUpgradeHandler(relay, realtime, mapper, web.trustedProxies(), inFlight);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> realtimeRoute(RealtimeUpgradeHandler handler) {
        ServletWritingResponse upgrade = new ServletWritingResponse(handler::upgrade);
        return GatewayRouterFunctions.route("openai-realtime")
                .GET("/v1/realtime", request -> upgrade)
                .build();
    }
}
