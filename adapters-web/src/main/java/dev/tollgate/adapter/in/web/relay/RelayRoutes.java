package dev.tollgate.adapter.in.web.relay;

import static org.springframework.web.servlet.function.RequestPredicates.path;

import dev.tollgate.adapter.in.web.relay.anthropic.AnthropicMessages;
import dev.tollgate.adapter.in.web.relay.gemini.GeminiContents;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The relay's inbound route table on Spring Cloud Gateway Server MVC: one gateway route per protocol, its
 * predicates (method and path) and its filters (a place in flight, API key present, body size), ending in {@link RelayHttpHandler},
 * which hands the request to the application's relay use case. Routing to a provider, retries and failover are not
 * gateway filters: they happen inside the use case, where the reservation, the channel's circuit breaker and the
 * "never after the first byte" rule are known (see docs/decisions/0006).
 */
@Configuration(proxyBeanMethods = false)
public class RelayRoutes {

    @Bean
    RouterFunction<ServerResponse> openAiRelayRoutes(
            RelayHttpHandler handler,
            ResponsesHttpHandler responses,
            RelayWebProperties settings,
            InFlightLimit inFlight) {
        long maxBodyBytes = settings.maxBodyBytes();
        OpenAiErrors errors = handler.errors();
        RouterFunction<ServerResponse> openAi = GatewayRouterFunctions.route("openai")
                .GET("/v1/models", write(handler::models))
                .GET("/v1/models/**", write(handler::model))
                .GET("/dashboard/billing/subscription", write(handler.balanceEndpoints()::subscription))
                .GET("/v1/dashboard/billing/subscription", write(handler.balanceEndpoints()::subscription))
                .GET("/dashboard/billing/usage", write(handler.balanceEndpoints()::usage))
                .GET("/v1/dashboard/billing/usage", write(handler.balanceEndpoints()::usage))
                .POST("/v1/chat/completions", relay(handler, RelayEndpoint.CHAT_COMPLETIONS))
                .POST("/v1/completions", relay(handler, RelayEndpoint.COMPLETIONS))
                .POST("/v1/embeddings", relay(handler, RelayEndpoint.EMBEDDINGS))
                .POST(
                        "/v1/engines/{model}/embeddings",
                        request -> new ServletWritingResponse(
                                (req, res) -> handler.engineEmbeddings(request.pathVariable("model"), req, res)))
                .POST("/v1/moderations", relay(handler, RelayEndpoint.MODERATIONS))
                .POST("/v1/rerank", relay(handler, RelayEndpoint.RERANK))
                .POST("/v1/responses", write(responses::create))
                .GET("/v1/responses/{id}/input_items", write(responses::inputItems))
                .POST("/v1/responses/{id}/cancel", write(responses::cancel))
                .GET("/v1/responses/{id}", write(responses::get))
                .DELETE("/v1/responses/{id}", write(responses::delete))
                .POST("/v1/images/generations", relay(handler, RelayEndpoint.IMAGES_GENERATIONS))
                .POST("/v1/images/edits", relay(handler, RelayEndpoint.IMAGES_EDITS))
                .POST("/v1/images/variations", relay(handler, RelayEndpoint.IMAGES_VARIATIONS))
                .POST("/v1/audio/speech", relay(handler, RelayEndpoint.AUDIO_SPEECH))
                .POST("/v1/audio/transcriptions", relay(handler, RelayEndpoint.AUDIO_TRANSCRIPTIONS))
                .POST("/v1/audio/translations", relay(handler, RelayEndpoint.AUDIO_TRANSLATIONS))
                .filter(RelayFilters.inFlight(inFlight, errors))
                .filter(RelayFilters.bodyLimit(maxBodyBytes, errors))
                .filter(RelayFilters.apiKey(errors, handler.clientAddresses()))
                .build();
        AnthropicMessages anthropic = handler.anthropic();
        RouterFunction<ServerResponse> anthropicRoutes = GatewayRouterFunctions.route("anthropic")
                .POST("/v1/messages", write(handler::anthropicMessages))
                .POST("/v1/messages/count_tokens", write(handler::anthropicCountTokens))
                .filter(RelayFilters.inFlight(inFlight, e -> RelayFilters.anthropicError(anthropic, e)))
                .filter(RelayFilters.bodyLimit(maxBodyBytes, e -> RelayFilters.anthropicError(anthropic, e)))
                .filter(RelayFilters.apiKey(handler.clientAddresses(), e -> RelayFilters.anthropicError(anthropic, e)))
                .build();
        GeminiContents gemini = handler.gemini();
        RouterFunction<ServerResponse> geminiRoutes = GatewayRouterFunctions.route("gemini")
                .POST("/v1beta/models/**", write(handler::geminiGenerate))
                .GET("/v1beta/models", write(handler::geminiModels))
                .GET("/v1beta/models/**", write(handler::geminiModel))
                .filter(RelayFilters.inFlight(inFlight, e -> RelayFilters.geminiError(gemini, e)))
                .filter(RelayFilters.bodyLimit(maxBodyBytes, e -> RelayFilters.geminiError(gemini, e)))
                .filter(RelayFilters.apiKey(handler.clientAddresses(), e -> RelayFilters.geminiError(gemini, e)))
                .build();
        RouterFunction<ServerResponse> unknown = GatewayRouterFunctions.route("openai-unknown-path")
                .route(path("/v1/**"), write(handler::unknown))
                .build();
        return openAi.and(anthropicRoutes).and(geminiRoutes).and(unknown);
    }

    private static HandlerFunction<ServerResponse> relay(RelayHttpHandler handler, RelayEndpoint endpoint) {
        return write((request, response) -> handler.relay(endpoint, request, response));
    }

    private static HandlerFunction<ServerResponse> write(ServletWritingResponse.Writer writer) {
        ServletWritingResponse response = new ServletWritingResponse(writer);
        return request -> response;
    }
}
