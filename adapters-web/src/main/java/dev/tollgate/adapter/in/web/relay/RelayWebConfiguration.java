package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay's HTTP handler, which the gateway route table ({@link RelayRoutes}) ends in. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayWebProperties.class)
public class RelayWebConfiguration {
    @Bean
    RelayHttpHandler relayHttpHandler(
            RelayUseCase relay, ObjectMapper mapper, RelayWebProperties settings, IdempotencyUseCase idempotency) {
        return new RelayHttpHandler(relay, mapper, settings.maxBodyBytes(), settings.trustedProxies(), idempotency);
    }
}
