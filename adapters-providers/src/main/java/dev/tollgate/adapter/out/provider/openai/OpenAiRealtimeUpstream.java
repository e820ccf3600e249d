package dev.tollgate.adapter.out.provider.openai;

import dev.tollgate.application.relay.port.in.RealtimeUpstreamSink;
import dev.tollgate.application.relay.port.out.RealtimeConnectException;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamPort;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamSessionPort;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OpenAI's Realtime API over the JDK's WebSocket client: {@code wss://<base>/v1/realtime?model=} with the channel's key
 * as {@code Authorization: Bearer} (OpenAI), or {@code <base>/openai/realtime?api-version=&deployment=} with
 * {@code api-key} (Azure OpenAI, channel option {@code realtimeApiVersion}). Events are read whole (fragments joined,
 * bounded) and one at a time: the next is requested only when the listener has handled the last, so a slow client
 * slows its own upstream down and nothing piles up in memory.
 */
public final class OpenAiRealtimeUpstream implements RealtimeUpstreamPort {
    /** The Azure OpenAI API version of realtime sessions when a channel sets none. */
    static final String DEFAULT_AZURE_REALTIME_API_VERSION = "2024-10-01-preview";

    private final HttpClient client;
    private final Duration connectTimeout;
    private final int maxEventChars;
    private final RealtimeEvents events = new RealtimeEvents();

    /**
     * @param maxEventChars the largest upstream event accepted (a larger one breaks the session)
     */
    public OpenAiRealtimeUpstream(Duration connectTimeout, int maxEventChars) {
        this.connectTimeout = connectTimeout;
        this.maxEventChars = maxEventChars;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** The session's address on the channel. */
    static URI realtimeUri(UpstreamTarget target, String upstreamModel) {
        String base = target.baseUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String http;
        if ("azure".equals(target.type())) {
            http = base + "/openai/realtime?api-version="
                    + encode(target.options().getOrDefault("realtimeApiVersion", DEFAULT_AZURE_REALTIME_API_VERSION))
                    + "&deployment=" + encode(upstreamModel);
        } else {
            http = OpenAiChatUpstream.endpointUri(base, "realtime") + "?model=" + encode(upstreamModel);
        }
        if (http.startsWith("https://")) {
            return URI.create("wss://" + http.substring("https://".length()));
        }
        if (http.startsWith("http://")) {
            return URI.create("ws://" + http.substring("http://".length()));
        }
        return URI.create(http);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public RealtimeUpstreamSessionPort connect(
            UpstreamTarget target, String upstreamModel, String openAiBeta, RealtimeUpstreamSink listener)
            throws RealtimeConnectException {
        Connection connection = new Connection(listener);
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(connectTimeout);
        if ("azure".equals(target.type())) {
            builder.header("api-key", target.apiKey());
        } else {
            builder.header("Authorization", "Bearer " + target.apiKey());
        }
        if ("realtime=v1".equals(openAiBeta)) {
            builder.header("OpenAI-Beta", "realtime=v1");
        }
        ChannelOptions.headers(target.options()).forEach(builder::header);
        try {
            connection.socket = builder.buildAsync(realtimeUri(target, upstreamModel), connection)
                    .get(connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return connection;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException h) {
                throw new RealtimeConnectException(
                        h.getResponse().statusCode(),
                        "the upstream refused the session " + "with HTTP "
                                + h.getResponse().statusCode(),
                        null);
            }
            throw new RealtimeConnectException(
                    0,
                    "the upstream could not be reached ("
                            + (cause == null ? e : cause).getClass().getSimpleName() + ")",
                    null);
        } catch (TimeoutException e) {
            throw new RealtimeConnectException(
                    0, "the upstream did not accept the session within " + connectTimeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RealtimeConnectException(0, "interrupted while connecting", null);
        }
    }

    /** One upstream session: whole events to the listener, one at a time. */
    private final class Connection implements RealtimeUpstreamSessionPort, WebSocket.Listener {
        private final RealtimeUpstreamSink listener;
        private final ReentrantLock sending = new ReentrantLock();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean closed;

        Connection(RealtimeUpstreamSink listener) {
            this.listener = listener;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // no demand until start(): the client's side is not connected yet
        }

        @Override
        public void start() {
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (partial.length() + data.length() > maxEventChars) {
                partial.setLength(0);
                close(1009, "event too large");
                listener.onFailure(
                        new IllegalStateException("an upstream event is larger than " + maxEventChars + " characters"));
                return null;
            }
            if (last && partial.isEmpty()) {
                listener.onEvent(events.read(data.toString()));
            } else {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    listener.onEvent(events.read(text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            webSocket.request(1); // the realtime protocol is text; binary frames are not part of it
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            listener.onClosed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            listener.onFailure(error);
        }

        @Override
        public void send(String text) throws RealtimeConnectException {
            sending.lock();
            try {
                socket.sendText(text, true).get(connectTimeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new RealtimeConnectException(0, "the event could not be sent upstream", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RealtimeConnectException(0, "interrupted while sending", e);
            } finally {
                sending.unlock();
            }
        }

        @Override
        public void close(int code, String reason) {
            WebSocket s = socket;
            if (s == null || closed) {
                return;
            }
            closed = true;
            sending.lock();
            try {
                s.sendClose(code, reason).orTimeout(5, TimeUnit.SECONDS).whenComplete((r, e) -> s.abort());
            } catch (RuntimeException e) {
                s.abort();
            } finally {
                sending.unlock();
            }
        }
    }
}
