package dev.tollgate.adapter.in.web.relay;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Resolves the relay's paths ({@code /v1}, {@code /v1beta}, {@code /dashboard} and below) against the gateway route
 * table, first among the dispatcher's handler mappings. It consults the same router functions, in the same order, as
 * Spring's {@link RouterFunctionMapping} and sets the same request attributes; what differs:
 *
 * <ul>
 *   <li>the functional request is a {@link DeferredServerRequest}: matching a relay route copies no header;</li>
 *   <li>a relay path is not first looked up among the annotated controllers' mappings, which serve none of these
 *       paths (a test keeps it so).</li>
 * </ul>
 *
 * Any other path is left to the mappings after it at once. A relay path that no route matches (none does today:
 * the table ends in a catch-all for {@code /v1}) falls through to them too, so the answer is the same as without
 * this mapping.
 */
final class RelayHandlerMapping extends AbstractHandlerMapping {
    private final RouterFunction<?> routes;
    private final List<HttpMessageConverter<?>> messageConverters;

    /**
     * @param routes the route table Spring's own mapping consults (every router function bean, in order)
     * @param defaults Spring's mapping, whose path pattern parser the table was prepared with
     * @param messageConverters the converters a functional request reads bodies with
     */
    RelayHandlerMapping(
            RouterFunction<?> routes, RouterFunctionMapping defaults, List<HttpMessageConverter<?>> messageConverters) {
        this.routes = routes;
        this.messageConverters = List.copyOf(messageConverters);
        setPatternParser(defaults.getPatternParser());
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    /** Whether a path (within the application) belongs to the relay: {@code /v1}, {@code /v1beta}, {@code /dashboard}. */
    static boolean relayPath(String path) {
        return under(path, "/v1") || under(path, "/v1beta") || under(path, "/dashboard");
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest servletRequest) {
        String path = DeferredServerRequest.parsedPath(servletRequest)
                .pathWithinApplication()
                .value();
        if (!relayPath(path)) {
            return null;
        }
        DeferredServerRequest request = new DeferredServerRequest(servletRequest, messageConverters);
        HandlerFunction<?> handler = routes.route(request).orElse(null);
        if (handler == null) {
            return null;
        }
        PathPattern matchingPattern =
                (PathPattern) servletRequest.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
        if (matchingPattern != null) {
            servletRequest.removeAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
            servletRequest.setAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE, matchingPattern.getPatternString());
            ServerHttpObservationFilter.findObservationContext(servletRequest)
                    .ifPresent(context -> context.setPathPattern(matchingPattern.getPatternString()));
        }
        servletRequest.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        servletRequest.setAttribute(RouterFunctions.REQUEST_ATTRIBUTE, request);
        return handler;
    }
}
