package dev.tollgate.adapter.in.web.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.http.MediaType;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * The relay's handler mapping resolves relay paths against the gateway route table without copying the request's
 * headers, leaves every other path alone, and gives handlers the same request Spring's own mapping would.
 */
class RelayHandlerMappingTest {
    private final AtomicInteger routed = new AtomicInteger();
    private final HandlerFunction<ServerResponse> chat =
            request -> ServerResponse.ok().build();
    private final HandlerFunction<ServerResponse> embeddings =
            request -> ServerResponse.ok().body(request.pathVariable("model"));
    private final HandlerFunction<ServerResponse> unknown =
            request -> ServerResponse.notFound().build();

    private RelayHandlerMapping mapping() {
        RouterFunction<ServerResponse> table = GatewayRouterFunctions.route("openai")
                .POST("/v1/chat/completions", chat)
                .POST("/v1/engines/{model}/embeddings", embeddings)
                .filter((request, next) -> {
                    routed.incrementAndGet();
                    request.servletRequest().getHeader("Authorization");
                    return next.handle(request);
                })
                .build()
                .and(GatewayRouterFunctions.route("unknown")
                        .route(path("/v1/**"), unknown)
                        .build());
        RouterFunctionMapping defaults = new RouterFunctionMapping(table);
        return new RelayHandlerMapping(table, defaults, List.of(new StringHttpMessageConverter()));
    }

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.addHeader("Authorization", "Bearer sk-test");
        request.addHeader("Content-Type", "application/json");
        request.addHeader("X-Many", "a");
        request.addHeader("X-Many", "b");
        return request;
    }

    @Test
    void givenARelayRoute_whenMapped_thenItsHandlerIsFoundAndNoHeaderIsCopied() throws Exception {
        // given
        MockHttpServletRequest servlet = request("POST", "/v1/chat/completions");

        // when
        HandlerExecutionChain chain = mapping().getHandler(servlet);

        // then: the route's handler behind the route's filter, and the functional request still unbuilt
        assertThat(chain).isNotNull();
        ServerRequest functional = (ServerRequest) servlet.getAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
        assertThat(functional).isInstanceOf(DeferredServerRequest.class);
        @SuppressWarnings("unchecked")
        HandlerFunction<ServerResponse> handler = (HandlerFunction<ServerResponse>) chain.getHandler();
        assertThat(handler.handle(functional).statusCode().value()).isEqualTo(200);
        assertThat(routed).hasValue(1);
        assertThat(((DeferredServerRequest) functional).built()).isFalse();
        assertThat(servlet.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                .isEqualTo("/v1/chat/completions");
        assertThat(servlet.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE))
                .isSameAs(chain.getHandler());
    }

    @Test
    void givenAPathVariable_whenTheHandlerAsksForIt_thenItIsThere() throws Exception {
        // given
        MockHttpServletRequest servlet = request("POST", "/v1/engines/text-embedding-3-small/embeddings");

        // when
        HandlerExecutionChain chain = mapping().getHandler(servlet);
        ServerRequest functional = (ServerRequest) servlet.getAttribute(RouterFunctions.REQUEST_ATTRIBUTE);

        // then
        assertThat(functional.pathVariable("model")).isEqualTo("text-embedding-3-small");
        assertThat(functional.pathVariables()).containsExactlyEntriesOf(Map.of("model", "text-embedding-3-small"));
        assertThat(((DeferredServerRequest) functional).built()).isFalse();
        @SuppressWarnings("unchecked")
        HandlerFunction<ServerResponse> handler = (HandlerFunction<ServerResponse>) chain.getHandler();
        assertThat(handler.handle(functional).statusCode().value()).isEqualTo(200);
    }

    @Test
    void givenAnUnknownRelayPath_whenMapped_thenTheCatchAllAnswers() throws Exception {
        // given
        MockHttpServletRequest servlet = request("GET", "/v1/no-such-thing");

        // when
        HandlerExecutionChain chain = mapping().getHandler(servlet);

        // then
        assertThat(chain).isNotNull();
        @SuppressWarnings("unchecked")
        HandlerFunction<ServerResponse> handler = (HandlerFunction<ServerResponse>) chain.getHandler();
        ServerRequest functional = (ServerRequest) servlet.getAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
        assertThat(handler.handle(functional).statusCode().value()).isEqualTo(404);
        assertThat(routed).hasValue(0);
    }

    @Test
    void givenAPathOutsideTheRelay_whenMapped_thenTheRouteTableIsNotConsulted() throws Exception {
        // given
        RelayHandlerMapping mapping = mapping();

        // when / then
        for (String uri :
                List.of("/api/v1/tokens", "/v10/chat/completions", "/v1x", "/dashboardx", "/", "/assets/a.js")) {
            assertThat(mapping.getHandler(request("POST", uri))).as(uri).isNull();
        }
        assertThat(routed).hasValue(0);
    }

    @Test
    void relayPathsAreV1V1betaAndDashboardAndWhatIsBelowThem() {
        assertThat(List.of(
                        "/v1",
                        "/v1/",
                        "/v1/chat/completions",
                        "/v1beta",
                        "/v1beta/models/x:generateContent",
                        "/dashboard",
                        "/dashboard/billing/usage"))
                .allMatch(RelayHandlerMapping::relayPath);
        assertThat(List.of("", "/", "/v10", "/v1x/models", "/v1betas", "/api/v1/tokens", "/dashboards", "/V1/models"))
                .noneMatch(RelayHandlerMapping::relayPath);
    }

    @Test
    void givenAnythingBeyondMethodPathAndAttributes_whenAsked_thenSpringsFullRequestAnswersIt() throws Exception {
        // given
        MockHttpServletRequest servlet = request("POST", "/v1/chat/completions");
        servlet.setQueryString("a=1&a=2");
        servlet.addParameter("a", "1", "2");
        mapping().getHandler(servlet);
        DeferredServerRequest functional =
                (DeferredServerRequest) servlet.getAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
        ServerRequest full = ServerRequest.create(servlet, List.of(new StringHttpMessageConverter()));

        // when / then: the same answers as Spring's own request
        assertThat(functional.headers().header("X-Many")).containsExactly("a", "b");
        assertThat(functional.headers().contentType()).contains(MediaType.APPLICATION_JSON);
        assertThat(functional.headers().asHttpHeaders())
                .isEqualTo(full.headers().asHttpHeaders());
        assertThat(functional.params()).isEqualTo(full.params());
        assertThat(functional.uri()).isEqualTo(full.uri());
        assertThat(functional.path()).isEqualTo("/v1/chat/completions");
        assertThat(functional.method().name()).isEqualTo("POST");
        assertThat(functional.built()).isTrue();
    }

    @Test
    void attributesAreTheServletRequestsLiveAttributes() throws Exception {
        // given
        MockHttpServletRequest servlet = request("POST", "/v1/chat/completions");
        mapping().getHandler(servlet);
        ServerRequest functional = (ServerRequest) servlet.getAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
        HttpServletRequest raw = functional.servletRequest();

        // when
        functional.attributes().put("x", 1);
        raw.setAttribute("y", 2);

        // then
        assertThat(raw.getAttribute("x")).isEqualTo(1);
        assertThat(functional.attribute("y")).contains(2);
        assertThat(functional.attributes()).containsEntry("x", 1).containsEntry("y", 2);
        assertThat(functional.attributes().remove("x")).isEqualTo(1);
        assertThat(raw.getAttribute("x")).isNull();
        functional.attributes().entrySet().removeIf(e -> e.getKey().equals("y"));
        assertThat(raw.getAttribute("y")).isNull();
        assertThat(((DeferredServerRequest) functional).built()).isFalse();
    }
}
