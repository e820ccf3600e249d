package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.http.HttpMessageConverters;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * The relay's HTTP handler, which the gateway route table ({@link RelayRoutes}) ends in, and the handler mapping
 * that resolves the relay's paths against that table first ({@link RelayHandlerMapping}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayWebProperties.class)
public class RelayWebConfiguration {
    @Bean
    RelayHttpHandler relayHttpHandler(
            RelayUseCase relay, ObjectMapper mapper, RelayWebProperties settings, IdempotencyUseCase idempotency) {
        return new RelayHttpHandler(relay, mapper, settings.maxBodyBytes(), settings.trustedProxies(), idempotency);
    }

    @Bean
    RelayHandlerMapping relayHandlerMapping(
            @Qualifier("routerFunctionMapping") RouterFunctionMapping defaults,
            ObjectProvider<HttpMessageConverters> converters) {
        HttpMessageConverters available = converters.getIfAvailable();
        return new RelayHandlerMapping(
                Objects.requireNonNull(defaults.getRouterFunction(), "no router function: the relay has no routes"),
                defaults,
                available == null ? List.of() : available.getConverters());
    }
}
