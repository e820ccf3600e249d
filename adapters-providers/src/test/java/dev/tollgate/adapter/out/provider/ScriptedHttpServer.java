package dev.tollgate.adapter.out.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on loopback (port 0) for the provider adapters' tests, whose answers are scripted byte by
 * byte, so that tests can send chunked SSE, stall or cut a stream in the middle. Records every request it receives.
 * One request is served per connection ({@code Connection: close}).
 */
public final class ScriptedHttpServer implements AutoCloseable {
    /** A piece of an {@link Answer} that writes nothing but keeps the answer silent for a second and a half. */
    public static final String PAUSE = "";

    /**
     * What the server received.
     *
     * @param method  the request method
     * @param path    the request target, query included
     * @param headers the request headers, names in lower case
     * @param body    the request body
     */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {
        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Writes the whole answer (status line, headers, body) for one request. */
    @FunctionalInterface
    public interface Script {
        /** Answers one request. */
        void answer(Received request, OutputStream out) throws IOException, InterruptedException;
    }

    /**
     * One answer: status, content type, and the body written in the given pieces (flushed one by one). A single
     * piece is sent with its length; several are sent without one (read to the end of the connection); an empty
     * piece ({@link #PAUSE}) is a pause.
     *
     * @param status      the status code
     * @param contentType the {@code Content-Type}
     * @param pieces      the body, piece by piece
     */
    public record Answer(int status, String contentType, List<byte[]> pieces) {
        /** A JSON answer in one piece. */
        public static Answer json(int status, String json) {
            return new Answer(status, "application/json", List.of(json.getBytes(StandardCharsets.UTF_8)));
        }

        /** An SSE answer, each argument a piece. */
        public static Answer sse(String... pieces) {
            return new Answer(
                    200,
                    "text/event-stream",
                    Arrays.stream(pieces)
                            .map(e -> e.getBytes(StandardCharsets.UTF_8))
                            .toList());
        }

        /** An SSE answer; the text is split at blank lines into pieces flushed one by one. */
        public static Answer sseEvents(String events) {
            return new Answer(
                    200,
                    "text/event-stream",
                    Arrays.stream(events.split("(?<=\n\n)"))
                            .map(e -> e.getBytes(StandardCharsets.UTF_8))
                            .toList());
        }
    }

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final Script script;

    /** A server answering every request with the script. */
    public ScriptedHttpServer(Script script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** A server answering every request with the {@link Answer} the function gives for it. */
    public static ScriptedHttpServer answering(Function<Received, Answer> answers) throws IOException {
        return new ScriptedHttpServer((request, out) -> write(answers.apply(request), out));
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** The port listened on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** The requests received so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String[] lines = readHead(in).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            Received r = new Received(requestLine[0], requestLine[1], headers, body);
            received.add(r);
            OutputStream out = client.getOutputStream();
            script.answer(r, out);
            out.flush();
        } catch (IOException e) {
            // the client went away: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the request head ended");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(Answer answer, OutputStream out) throws IOException, InterruptedException {
        boolean whole = answer.pieces().size() == 1;
        writeHead(
                out,
                answer.status(),
                answer.contentType(),
                whole ? answer.pieces().getFirst().length : null);
        for (byte[] piece : answer.pieces()) {
            if (piece.length == 0 && !whole) {
                Thread.sleep(1500);
            }
            out.write(piece);
            out.flush();
        }
    }

    /**
     * Writes a status line and headers ({@code Connection: close}); without a length, the body is read to the end
     * of the connection.
     *
     * @param extraHeaders further header lines ({@code Name: value})
     */
    public static void writeHead(
            OutputStream out, int status, String contentType, Integer contentLength, String... extraHeaders)
            throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(" X\r\n")
                .append("Content-Type: ")
                .append(contentType)
                .append("\r\n");
        for (String header : extraHeaders) {
            h.append(header).append("\r\n");
        }
        if (contentLength != null) {
            h.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        h.append("Connection: close\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A JSON answer with its length. */
    public static void json(OutputStream out, int status, String json) throws IOException {
        json(out, status, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON answer with its length. */
    public static void json(OutputStream out, int status, byte[] body) throws IOException {
        writeHead(out, status, "application/json", body.length);
        out.write(body);
    }

    /** An SSE body without a length (read to the end of the connection), written in small flushed pieces. */
    public static void sse(OutputStream out, byte[] body, int piece) throws IOException {
        writeHead(out, 200, "text/event-stream; charset=utf-8", null);
        for (int i = 0; i < body.length; i += piece) {
            out.write(body, i, Math.min(piece, body.length - i));
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        acceptor.interrupt();
    }
}
