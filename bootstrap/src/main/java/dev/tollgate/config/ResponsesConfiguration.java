package dev.tollgate.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.relay.RelayHttpHandler;
import dev.tollgate.adapter.in.web.relay.ResponsesHttpHandler;
import dev.tollgate.adapter.out.persistence.responses.ResponseStorePersistenceAdapter;
import dev.tollgate.adapter.out.provider.responses.OpenAiResponsesForwarder;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.query.UpstreamProxies;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.responses.port.out.ResponseStorePort;
import dev.tollgate.application.responses.port.out.ResponsesUpstreamPort;
import dev.tollgate.application.responses.service.ResponseArchive;
import dev.tollgate.application.responses.service.ResponsesService;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Responses API's store and endpoints: the JDBC store, its asynchronous writer, the forwarder to OpenAI and Azure
 * channels (through their outbound proxy), background responses on virtual threads, the web handler, and the hourly deletion of expired responses.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponsesProperties.class)
public class ResponsesConfiguration {
    @Bean
    ResponseStorePort responseStore(JdbcTemplate jdbc) {
        return new ResponseStorePersistenceAdapter(jdbc);
    }

    @Bean(destroyMethod = "close")
    ResponseArchive responseArchive(ResponseStorePort store, ResponsesProperties properties) {
        return new ResponseArchive(store, properties.writeQueue(), properties.writeBatch());
    }

    @Bean
    ResponsesUpstreamPort responsesUpstream(ResponsesProperties properties) {
        return new OpenAiResponsesForwarder(
                Duration.ofSeconds(10), properties.forwardTimeout(), properties.maxForwardedBytes());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService backgroundResponses() {
        return Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("background-response-", 0).factory());
    }

    @Bean
    ResponsesService responsesService(
            ResponseArchive archive,
            ChannelDirectory channels,
            ResponsesUpstreamPort upstream,
            ClockPort clock,
            IdGeneratorPort ids,
            ExecutorService backgroundResponses,
            ResponsesProperties properties,
            UpstreamProxies proxies) {
        return new ResponsesService(
                archive,
                channels,
                upstream,
                clock,
                ids,
                properties.retention(),
                backgroundResponses,
                properties.maxBackground(),
                proxies::forChannel,
                new ResponsesService.StreamBuffer(
                        properties.streamBufferEvents(),
                        properties.streamBufferBytes(),
                        properties.streamKeptFor(),
                        properties.keptStreams()));
    }

    @Bean
    ResponsesHttpHandler responsesHttpHandler(
            RelayUseCase relay,
            ResponsesService responses,
            RelayHttpHandler relayHandler,
            ObjectMapper mapper,
            IdempotencyUseCase idempotency,
            TokenCounterPort tokenCounter) {
        return new ResponsesHttpHandler(relay, responses, relayHandler, mapper, idempotency, tokenCounter::countTokens);
    }

    @Bean
    ResponseRetention responseRetention(ResponsesService responses, ResponsesProperties properties) {
        return new ResponseRetention(responses, properties);
    }

    /** Deletes expired responses every {@code prune-interval}, a bounded batch per statement. */
    static final class ResponseRetention extends PeriodicJobs {
        private final ResponsesService responses;
        private final ResponsesProperties properties;

        ResponseRetention(ResponsesService responses, ResponsesProperties properties) {
            super("response-retention");
            this.responses = responses;
            this.properties = properties;
        }

        @Override
        protected void schedule() {
            every(properties.pruneInterval(), Duration.ofMinutes(1), "deleting expired responses", this::prune);
        }

        void prune() {
            int batch = properties.pruneBatch();
            int deleted;
            do {
                deleted = responses.deleteExpired(batch);
            } while (deleted == batch);
        }
    }
}
