package dev.tollgate.adapter.out.provider.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET to a provider's own account endpoint (balance, model list) answered with a JSON object: the answer is read
 * up to {@value #MAX_BODY_BYTES} bytes and the request (head and body) must finish within the time-out. Failures are
 * {@link UpstreamException}s naming the endpoint and the channel, never the URL (a base URL may carry credentials)
 * nor the key.
 */
public final class UpstreamJsonGet {
    /** Most bytes of an answer read (1 MiB). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper mapper;

    /**
     * @param http           the client that sends the requests (its connect time-out and redirect policy apply)
     * @param requestTimeout longest time one request may take, from sending it to the last byte of the answer
     * @param mapper         reads the answers
     */
    public UpstreamJsonGet(HttpClient http, Duration requestTimeout, ObjectMapper mapper) {
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request time-out must be positive");
        }
    }

    /**
     * Sends one GET with the headers and returns its 2xx JSON object answer. {@code label} names the endpoint in
     * messages.
     */
    public JsonNode get(UpstreamTarget target, String url, String label, Map<String, String> headers)
            throws UpstreamException {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(requestTimeout)
                    .header("Accept", "application/json")
                    .GET();
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // Neither the URL nor the exception message is repeated: a base URL may carry credentials.
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN,
                    "the base URL of channel " + target.channelId() + " is not a valid http(s) URL",
                    null);
        }
        CompletableFuture<HttpResponse<Body>> pending = http.sendAsync(request, info -> new BoundedBody());
        HttpResponse<Body> response;
        try {
            response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT,
                    "no answer from the " + label + " endpoint of channel " + target.channelId() + " within "
                            + requestTimeout,
                    e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), target, label);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw broken(label + " endpoint answered " + status);
        }
        Body body = response.body();
        if (body.truncated()) {
            throw broken(label + " endpoint answered more than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body.bytes());
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, label + " answer is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw broken(label + " answer is not a JSON object");
        }
        return root;
    }

    /** An answer that cannot be used, with the reason. */
    public static UpstreamException broken(String message) {
        return new UpstreamException(UpstreamException.Kind.BROKEN, message, null);
    }

    private static UpstreamException failure(Throwable cause, UpstreamTarget target, String label) {
        String where = "the " + label + " endpoint of channel " + target.channelId();
        if (cause instanceof HttpTimeoutException) {
            return new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer from " + where, cause);
        }
        if (cause instanceof ConnectException
                || cause instanceof UnresolvedAddressException
                || cause != null && cause.getCause() instanceof ConnectException) {
            return new UpstreamException(UpstreamException.Kind.CONNECT, "cannot connect to " + where, cause);
        }
        return new UpstreamException(
                UpstreamException.Kind.CONNECT,
                "request to " + where + " failed: "
                        + (cause == null ? "unknown" : cause.getClass().getSimpleName()),
                cause);
    }

    /** An answer body read up to {@link #MAX_BODY_BYTES}; {@code truncated} when the upstream sent more. */
    private record Body(byte[] bytes, boolean truncated) {}

    /** Collects at most {@link #MAX_BODY_BYTES} bytes, then stops reading (which drops the connection). */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<Body> {
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : items) {
                int room = MAX_BODY_BYTES - bytes.size();
                if (buffer.remaining() > room) {
                    subscription.cancel();
                    result.complete(new Body(bytes.toByteArray(), true));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(bytes.toByteArray(), false));
        }
    }
}
