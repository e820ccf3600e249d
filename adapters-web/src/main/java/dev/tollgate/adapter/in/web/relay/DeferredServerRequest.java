package dev.tollgate.adapter.in.web.relay;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.RequestPath;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UriBuilder;

/**
 * The functional request the relay's route table is matched against ({@link RelayHandlerMapping}). Matching a
 * route needs the method, the path and the request's attributes; those are read straight from the servlet request.
 * Spring's full request ({@link ServerRequest#create}, which copies every header into an {@code HttpHeaders} and
 * parses the content type) is built only when a predicate, filter or handler asks for anything else, and then once.
 * The relay's filters and handlers read the servlet request itself, so for a relayed request it is never built: it
 * was 6 % of the relay's CPU (docs/performance.md).
 *
 * <p>Both views share the servlet request's attributes, so path variables and attributes set by either are seen by
 * the other.
 */
final class DeferredServerRequest implements ServerRequest {
    private final HttpServletRequest servletRequest;
    private final List<HttpMessageConverter<?>> messageConverters;
    private final Map<String, Object> attributes;
    private ServerRequest full;

    DeferredServerRequest(HttpServletRequest servletRequest, List<HttpMessageConverter<?>> messageConverters) {
        this.servletRequest = servletRequest;
        this.messageConverters = messageConverters;
        this.attributes = new ServletAttributes(servletRequest);
    }

    /** Spring's full request, built the first time something beyond method, path and attributes is asked for. */
    private ServerRequest full() {
        ServerRequest request = full;
        if (request == null) {
            request = ServerRequest.create(servletRequest, messageConverters);
            full = request;
        }
        return request;
    }

    /** Whether Spring's full request has been built (for tests). */
    boolean built() {
        return full != null;
    }

    @Override
    public HttpMethod method() {
        return HttpMethod.valueOf(servletRequest.getMethod());
    }

    @Override
    public String methodName() {
        return servletRequest.getMethod();
    }

    @Override
    public RequestPath requestPath() {
        return parsedPath(servletRequest);
    }

    /** The request's path as the dispatcher parsed it (parsed and cached here if it has not). */
    static RequestPath parsedPath(HttpServletRequest servletRequest) {
        return ServletRequestPathUtils.hasParsedRequestPath(servletRequest)
                ? ServletRequestPathUtils.getParsedRequestPath(servletRequest)
                : ServletRequestPathUtils.parseAndCache(servletRequest);
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(servletRequest.getAttribute(name));
    }

    @Override
    public HttpServletRequest servletRequest() {
        return servletRequest;
    }

    @Override
    public List<HttpMessageConverter<?>> messageConverters() {
        return messageConverters;
    }

    @Override
    public URI uri() {
        return full().uri();
    }

    @Override
    public UriBuilder uriBuilder() {
        return full().uriBuilder();
    }

    @Override
    public Headers headers() {
        return full().headers();
    }

    @Override
    public MultiValueMap<String, Cookie> cookies() {
        return full().cookies();
    }

    @Override
    public Optional<InetSocketAddress> remoteAddress() {
        return full().remoteAddress();
    }

    @Override
    public <T> T body(Class<T> bodyType) throws ServletException, IOException {
        return full().body(bodyType);
    }

    @Override
    public <T> T body(ParameterizedTypeReference<T> bodyType) throws ServletException, IOException {
        return full().body(bodyType);
    }

    @Override
    public <T> T bind(Class<T> bindType, Consumer<WebDataBinder> dataBinderCustomizer) throws BindException {
        return full().bind(bindType, dataBinderCustomizer);
    }

    @Override
    public MultiValueMap<String, String> params() {
        return full().params();
    }

    @Override
    public MultiValueMap<String, Part> multipartData() throws IOException, ServletException {
        return full().multipartData();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> pathVariables() {
        // where Spring's request keeps them, and where the path predicates merge them while a route is matched
        Object variables = servletRequest.getAttribute(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    @Override
    public HttpSession session() {
        return servletRequest.getSession(true);
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(servletRequest.getUserPrincipal());
    }

    @Override
    public String toString() {
        return methodName() + " " + servletRequest.getRequestURI();
    }

    /** The servlet request's attributes as a live map, as Spring's own request shows them. */
    private static final class ServletAttributes extends AbstractMap<String, Object> {
        private final HttpServletRequest request;

        ServletAttributes(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && request.getAttribute(name) != null;
        }

        @Override
        public Object get(Object key) {
            return key instanceof String name ? request.getAttribute(name) : null;
        }

        @Override
        public Object put(String key, Object value) {
            Object previous = request.getAttribute(key);
            request.setAttribute(key, value);
            return previous;
        }

        @Override
        public Object remove(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            Object previous = request.getAttribute(name);
            request.removeAttribute(name);
            return previous;
        }

        @Override
        public void clear() {
            for (String name : Collections.list(request.getAttributeNames())) {
                request.removeAttribute(name);
            }
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<String> names =
                            Collections.list(request.getAttributeNames()).iterator();
                    return new Iterator<>() {
                        private String last;

                        @Override
                        public boolean hasNext() {
                            return names.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            last = names.next();
                            return new SimpleEntry<>(last, request.getAttribute(last));
                        }

                        @Override
                        public void remove() {
                            if (last == null) {
                                throw new IllegalStateException("next() was not called");
                            }
                            request.removeAttribute(last);
                            last = null;
                        }
                    };
                }

                @Override
                public int size() {
                    return Collections.list(request.getAttributeNames()).size();
                }
            };
        }
    }
}
