package dev.tollgate.adapter.out.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.application.relay.port.in.RelayEndpoint;
import dev.tollgate.application.relay.port.out.ChatUpstreamPort;
import dev.tollgate.application.relay.port.out.CompletedChat;
import dev.tollgate.application.relay.port.out.StreamChunk;
import dev.tollgate.application.relay.port.out.UpstreamChatRequest;
import dev.tollgate.application.relay.port.out.UpstreamChatResponse;
import dev.tollgate.application.relay.port.out.UpstreamException;
import dev.tollgate.domain.channel.ChannelOptions;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Chat completions served by Anthropic's Messages API ({@code POST {base}/v1/messages}, {@code x-api-key},
 * {@code anthropic-version}); only {@link RelayEndpoint#CHAT_COMPLETIONS} is served.
 *
 * <p>The client's OpenAI body is converted with {@link AnthropicConversion}; answers are converted back to
 * {@code chat.completion} / {@code chat.completion.chunk} objects showing the model the client asked for. Error
 * answers (non-2xx) are passed through as the provider sent them. Channel options: {@code anthropicVersion}
 * (default {@value #DEFAULT_VERSION}), {@code anthropicBeta} (sent as {@code anthropic-beta}), the common time-outs
 * and {@code header.<Name>}.
 *
 * <p>Time-outs work as in the OpenAI adapter: one periodic sweep cancels a request whose head is later than the
 * request's first-byte time-out, and cuts off a stream that stays silent longer than the idle time-out while being
 * read, or outlives the channel's total time-out.
 */
public class AnthropicChatUpstream implements ChatUpstreamPort {
    /** The API version sent when the channel sets none. */
    static final String DEFAULT_VERSION = "2023-06-01";
    static final long SWEEP_MILLIS = 50;

    private final ProviderHttpSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final Map<Duration, HttpClient> clientsByConnectTimeout = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().daemon().name("anthropic-upstream-watchdog").factory());
    private final Set<PendingSend> sending = ConcurrentHashMap.newKeySet();
    private final Set<Response> open = ConcurrentHashMap.newKeySet();

    /** A request waiting for its answer's head, and when it must have arrived. */
    private static final class PendingSend {
        final CompletableFuture<?> future;
        final long deadline;
        volatile boolean expired;

        PendingSend(CompletableFuture<?> future, long deadline) {
            this.future = future;
            this.deadline = deadline;
        }
    }

    public AnthropicChatUpstream(ProviderHttpSettings settings) {
        this(settings, Clock.systemUTC());
    }

    AnthropicChatUpstream(ProviderHttpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = client(settings.connectTimeout());
        this.watchdog.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    private HttpClient clientFor(UpstreamChatRequest request) {
        return ChannelOptions.timeout(request.target().options(), ChannelOptions.CONNECT_TIMEOUT)
                .filter(t -> !t.equals(settings.connectTimeout()))
                .map(t -> clientsByConnectTimeout.computeIfAbsent(t, AnthropicChatUpstream::client))
                .orElse(http);
    }

    /** {@code base + /v1/messages}, or {@code base + /messages} when the base already ends in {@code /v1}. */
    static URI messagesUri(String baseUrl) {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        if (request.endpoint() != RelayEndpoint.CHAT_COMPLETIONS) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN,
                    "the anthropic channel type serves chat completions only", null);
        }
        byte[] body = requestBody(request);
        Map<String, String> options = request.target().options();
        HttpRequest.Builder builder = HttpRequest.newBuilder(messagesUri(request.target().baseUrl()));
        // The channel's own extra headers first, so that they can never replace the ones set below.
        ChannelOptions.headers(options).forEach(builder::setHeader);
        builder.setHeader("x-api-key", request.target().apiKey());
        builder.setHeader("anthropic-version", options.getOrDefault("anthropicVersion", DEFAULT_VERSION));
        String beta = options.get("anthropicBeta");
        if (beta != null && !beta.isBlank()) {
            builder.setHeader("anthropic-beta", beta);
        }
        HttpRequest httpRequest = builder
                .setHeader("Content-Type", "application/json")
                .setHeader("Accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<InputStream>> pending =
                clientFor(request).sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        PendingSend watched = new PendingSend(pending, System.nanoTime() + request.firstByteTimeout().toNanos());
        sending.add(watched);
        String channel = request.target().channelId();
        HttpResponse<InputStream> response;
        try {
            response = pending.get();
        } catch (CancellationException e) {
            throw new UpstreamException(UpstreamException.Kind.TIMEOUT,
                    "no answer from channel " + channel + " within " + request.firstByteTimeout(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (watched.expired) {
                throw new UpstreamException(UpstreamException.Kind.TIMEOUT,
                        "no answer from channel " + channel + " within " + request.firstByteTimeout(), cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer from channel " + channel,
                        cause);
            }
            if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException
                    || cause != null && cause.getCause() instanceof ConnectException) {
                throw new UpstreamException(UpstreamException.Kind.CONNECT, "cannot connect to channel " + channel,
                        cause);
            }
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "request to channel " + channel
                    + " failed: " + (cause == null ? "unknown" : cause.getClass().getSimpleName()), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "interrupted", e);
        } finally {
            sending.remove(watched);
        }
        return new Response(request, response);
    }

    private byte[] requestBody(UpstreamChatRequest request) throws UpstreamException {
        try {
            JsonNode chat = mapper.readTree(request.clientBody());
            ObjectNode messages = AnthropicConversion.toMessagesRequest(mapper, chat, request.upstreamModel(),
                    request.maxTokensOverride());
            // the relay's decision whether to stream is what counts (it reads the answer accordingly)
            if (request.stream()) {
                messages.put("stream", true);
            } else {
                messages.remove("stream");
            }
            return mapper.writeValueAsBytes(messages);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body is not JSON", e);
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN,
                    "the request cannot be sent to an anthropic channel: " + e.getMessage(), e);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (PendingSend p : sending) {
            if (now - p.deadline >= 0) {
                p.expired = true;
                p.future.cancel(true);
            }
        }
        for (Response r : open) {
            r.check(now);
        }
    }

    private final class Response implements UpstreamChatResponse {
        private final UpstreamChatRequest request;
        private final HttpResponse<InputStream> response;
        private final InputStream body;
        private final long idleNanos;
        private final long deadline;
        private volatile long lastActivity;
        private volatile boolean reading;
        private volatile boolean timedOut;
        private volatile boolean totalExpired;
        private volatile boolean closed;
        private SseReader sse;
        private AnthropicStreamConverter converter;
        private final ArrayDeque<StreamChunk> queued = new ArrayDeque<>();

        Response(UpstreamChatRequest request, HttpResponse<InputStream> response) {
            this.request = request;
            this.response = response;
            this.body = new ActivityTrackingStream(response.body());
            this.idleNanos = ChannelOptions.timeout(request.target().options(), ChannelOptions.IDLE_TIMEOUT)
                    .orElse(settings.streamIdleTimeout()).toNanos();
            this.deadline = ChannelOptions.timeout(request.target().options(), ChannelOptions.TOTAL_TIMEOUT)
                    .map(total -> Math.max(1, System.nanoTime() + total.toNanos())).orElse(0L);
            open.add(this);
        }

        void check(long now) {
            if (deadline != 0 && now - deadline >= 0) {
                totalExpired = true;
                close();
            } else if (reading && now - lastActivity >= idleNanos) {
                timedOut = true;
                close();
            }
        }

        private UpstreamException cutOff(IOException cause) {
            if (totalExpired) {
                return new UpstreamException(UpstreamException.Kind.TIMEOUT,
                        "the answer took longer than the channel's total time-out", cause);
            }
            if (timedOut) {
                return new UpstreamException(UpstreamException.Kind.TIMEOUT,
                        "the stream was silent for longer than the idle time-out", cause);
            }
            return null;
        }

        private void arm() {
            lastActivity = System.nanoTime();
            reading = true;
        }

        private void disarm() {
            reading = false;
        }

        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public boolean streaming() {
            String type = response.headers().firstValue("Content-Type").orElse("");
            return status() / 100 == 2 && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        }

        @Override
        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("application/json");
        }

        @Override
        public byte[] errorBody() throws UpstreamException {
            // as in the OpenAI adapter, only the total time-out bounds reading a whole (non-streamed) body
            try {
                return body.readNBytes(settings.maxErrorBodyBytes());
            } catch (IOException e) {
                UpstreamException timeout = cutOff(e);
                throw timeout != null ? timeout
                        : new UpstreamException(UpstreamException.Kind.BROKEN, "the error body could not be read", e);
            } finally {
                close();
            }
        }

        @Override
        public CompletedChat completed() throws UpstreamException {
            byte[] bytes;
            try {
                bytes = body.readAllBytes();
            } catch (IOException e) {
                UpstreamException timeout = cutOff(e);
                throw timeout != null ? timeout
                        : new UpstreamException(UpstreamException.Kind.BROKEN, "the answer could not be read", e);
            } finally {
                close();
            }
            JsonNode root;
            try {
                root = mapper.readTree(bytes);
            } catch (IOException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer is not JSON", e);
            }
            if (root == null || !root.isObject()) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer is not a JSON object", null);
            }
            ObjectNode chat = AnthropicConversion.toChatCompletion(mapper, root, request.requestedModel(),
                    clock.instant().getEpochSecond());
            String text = AnthropicConversion.generatedText(chat.path("choices").path(0).path("message"));
            try {
                return new CompletedChat(mapper.writeValueAsBytes(chat), AnthropicConversion.usage(root.get("usage")),
                        text, "application/json", 0, 0);
            } catch (JsonProcessingException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer could not be converted", e);
            }
        }

        @Override
        public StreamChunk nextChunk() throws UpstreamException {
            if (converter == null) {
                converter = new AnthropicStreamConverter(mapper, request.requestedModel(),
                        clock.instant().getEpochSecond());
                sse = new SseReader(body);
            }
            while (queued.isEmpty()) {
                if (converter.finished()) {
                    return null;
                }
                byte[] data;
                arm();
                try {
                    data = sse.next();
                } catch (IOException e) {
                    UpstreamException timeout = cutOff(e);
                    throw timeout != null ? timeout
                            : new UpstreamException(UpstreamException.Kind.BROKEN, "the stream broke", e);
                } finally {
                    disarm();
                }
                if (data == null) {
                    UpstreamException timeout = cutOff(null);
                    if (timeout != null) {
                        throw timeout;
                    }
                    throw new UpstreamException(UpstreamException.Kind.BROKEN,
                            "the stream ended before message_stop", null);
                }
                if (data.length == 0) {
                    continue;
                }
                queued.addAll(converter.accept(data));
            }
            return queued.poll();
        }

        /** Anthropic answers chat completions as JSON or SSE only: no binary answers. */
        @Override
        public byte[] nextBytes() throws UpstreamException {
            throw new UpstreamException(UpstreamException.Kind.BROKEN,
                    "the anthropic channel type serves chat completions only", null);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            open.remove(this);
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }

        /** Records the arrival time of every byte read, for the idle watchdog. */
        private final class ActivityTrackingStream extends FilterInputStream {
            ActivityTrackingStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    lastActivity = System.nanoTime();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    lastActivity = System.nanoTime();
                }
                return n;
            }
        }
    }

    /**
     * Reads server-sent events: lines end with LF or CRLF, an event ends at a blank line, its {@code data:} lines
     * are joined with LF; comments and other fields ({@code event:}, whose name Anthropic repeats in the data's
     * {@code type}) are ignored.
     */
    static final class SseReader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;

        SseReader(InputStream in) {
            this.in = in;
        }

        /** The next event's data, or null at a clean end of stream. */
        byte[] next() throws IOException {
            ByteArrayOutputStream data = null;
            boolean sawField = false;
            while (true) {
                byte[] line = readLine();
                if (line == null) {
                    if (sawField) {
                        throw new IOException("the stream ended in the middle of an event");
                    }
                    return null;
                }
                if (line.length == 0) {
                    if (data != null) {
                        return data.toByteArray();
                    }
                    sawField = false;
                    continue;
                }
                if (line[0] == ':') {
                    continue;
                }
                sawField = true;
                if (line.length >= 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a'
                        && line[4] == ':') {
                    int from = line.length > 5 && line[5] == ' ' ? 6 : 5;
                    if (data == null) {
                        data = new ByteArrayOutputStream(line.length);
                    } else {
                        data.write('\n');
                    }
                    data.write(line, from, line.length - from);
                }
            }
        }

        private byte[] readLine() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line == null ? null : line.toByteArray();
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.max(16, position - start));
                }
                line.write(buffer, start, position - start);
                if (position < limit) {
                    position++;
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
                            : bytes.length;
                    return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
                }
            }
        }
    }
}
