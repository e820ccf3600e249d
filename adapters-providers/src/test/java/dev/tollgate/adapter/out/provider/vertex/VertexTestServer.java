package dev.tollgate.adapter.out.provider.vertex;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on loopback (port 0) that answers with a script and records every request: the fake token
 * endpoint and the fake Vertex API of the tests.
 */
final class VertexTestServer implements AutoCloseable {
    /** What the server received; {@code path} includes the query. */
    record Received(String method, String path, Map<String, String> headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One answer: status, content type, and the body written in the given pieces (flushed one by one). */
    record Answer(int status, String contentType, List<byte[]> pieces) {
        static Answer json(int status, String json) {
            return new Answer(status, "application/json", List.of(json.getBytes(StandardCharsets.UTF_8)));
        }

        /** An SSE answer; the text is split at blank lines into pieces flushed one by one. */
        static Answer sse(String events) {
            return new Answer(200, "text/event-stream", java.util.Arrays.stream(events.split("(?<=\n\n)"))
                    .map(e -> e.getBytes(StandardCharsets.UTF_8)).toList());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    VertexTestServer(Function<Received, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> serve(exchange, script));
        server.start();
    }

    private void serve(HttpExchange exchange, Function<Received, Answer> script) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    exchange.getRequestBody().readAllBytes());
            received.add(r);
            Answer answer = script.apply(r);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            boolean chunked = answer.pieces().size() > 1;
            long length = chunked ? 0 : answer.pieces().getFirst().length;
            exchange.sendResponseHeaders(answer.status(), length == 0 && !chunked ? -1 : length);
            OutputStream out = exchange.getResponseBody();
            for (byte[] piece : answer.pieces()) {
                out.write(piece);
                out.flush();
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
