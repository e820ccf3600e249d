package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay's HTTP handler, shared by the gateway route table and the plain MVC baseline. */
@Configuration(proxyBeanMethods = false)
public class RelayWebConfiguration {
    @Bean
    RelayHttpHandler relayHttpHandler(RelayUseCase relay, ObjectMapper mapper,
            @Value("${tollgate.relay.max-body-bytes:10485760}") long maxBodyBytes,
            @Value("${tollgate.relay.trusted-proxies:}") java.util.List<String> trustedProxies,
            dev.tollgate.application.common.port.in.IdempotencyUseCase idempotency) {
        return new RelayHttpHandler(relay, mapper, maxBodyBytes, trustedProxies, idempotency);
    }
}
