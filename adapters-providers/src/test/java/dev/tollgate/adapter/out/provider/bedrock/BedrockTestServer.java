package dev.tollgate.adapter.out.provider.bedrock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP/1.1 server on loopback answering as scripted (byte by byte when needed), recording each request. */
final class BedrockTestServer implements AutoCloseable {
    record Received(String method, String path, Map<String, String> headers, byte[] body) {
    }

    interface Script {
        void answer(Received request, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Script script;

    BedrockTestServer(Script script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
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
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
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
            // the client went away
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

    static void head(OutputStream out, int status, String contentType, Integer contentLength) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("x-amzn-RequestId: rid-42\r\n");
        if (contentLength != null) {
            h.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        h.append("Connection: close\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void json(OutputStream out, int status, byte[] body) throws IOException {
        head(out, status, "application/json", body.length);
        out.write(body);
    }

    /** An event-stream body without a length (read to the end of the connection), in small flushed pieces. */
    static void eventStream(OutputStream out, byte[] body, int piece) throws IOException {
        head(out, 200, "application/vnd.amazon.eventstream", null);
        for (int i = 0; i < body.length; i += piece) {
            out.write(body, i, Math.min(piece, body.length - i));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
