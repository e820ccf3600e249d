package dev.tollgate.adapter.out.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * One attempt's answer, whatever the provider: its status and media type, its error body (bounded), its body watched
 * for the time-outs ({@link UpstreamHttp.WatchedBody}) and closed once, and the JSON reading and writing every
 * protocol needs. Each protocol's answer extends it with how it reads a whole answer and a stream.
 */
public abstract class UpstreamAnswer implements UpstreamChatResponse {
    protected final UpstreamChatRequest request;
    protected final HttpResponse<InputStream> response;
    protected final UpstreamHttp.WatchedBody body;
    protected final ObjectMapper mapper;
    private final int maxErrorBodyBytes;

    protected UpstreamAnswer(
            UpstreamHttp http,
            ProviderHttpSettings settings,
            ObjectMapper mapper,
            UpstreamChatRequest request,
            HttpResponse<InputStream> response) {
        this.request = request;
        this.response = response;
        this.mapper = mapper;
        this.maxErrorBodyBytes = settings.maxErrorBodyBytes();
        this.body = http.watch(request, response.body());
    }

    @Override
    public int status() {
        return response.statusCode();
    }

    @Override
    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("application/json");
    }

    /** A 2xx answer whose {@code Content-Type} is {@code mediaType}. */
    protected boolean answeredAs(String mediaType) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        return status() / 100 == 2 && type.toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    /** At most the configured number of bytes of the error body (bounded by the total time-out only), then closed. */
    @Override
    public byte[] errorBody() throws UpstreamException {
        return body.readUpTo(maxErrorBodyBytes, "the error body could not be read");
    }

    /** {@code bytes} as a JSON object; {@code what} names it in the error ("the answer", "a stream event"). */
    protected JsonNode parseObject(byte[] bytes, String what) throws UpstreamException {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException e) {
            throw broken(what + " is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw broken(what + " is not a JSON object", null);
        }
        return root;
    }

    /** {@code node} as bytes; {@code failure} is the error's message. */
    protected byte[] write(JsonNode node, String failure) throws UpstreamException {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw broken(failure, e);
        }
    }

    protected static UpstreamException broken(String message, Throwable cause) {
        return new UpstreamException(UpstreamException.Kind.BROKEN, message, cause);
    }

    @Override
    public void close() {
        body.close();
    }
}
