package dev.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local WebSocket server (RFC 6455 written out over a plain socket) playing OpenAI's Realtime API: it sends
 * {@code session.created} on connect; answers {@code response.create} — and {@code input_audio_buffer.commit}, as
 * server voice detection does — with {@code response.created}, a text delta, an audio delta and {@code response.done}
 * carrying the configured usage; records each handshake's headers and each client event; and can be told to refuse
 * the handshake with a status, to cut the connection after the deltas, or to close the session after a response.
 */
final class FakeRealtimeUpstream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The audio delta's decoded size. */
    static final int AUDIO_DELTA_BYTES = 4_800;

    static final String TEXT_DELTA = "Hello from the realtime fake";

    /** What ends a response. */
    enum Ending {
        DONE,
        CUT_AFTER_DELTAS,
        CLOSE_AFTER_DONE,
        SILENT
    }

    /** One handshake as received: the request line's target and the headers (names lower-cased). */
    record Handshake(String target, Map<String, String> headers) {}

    private final ServerSocket server;
    private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<JsonNode> clientEvents = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger responses = new AtomicInteger();
    private final AtomicInteger closesReceived = new AtomicInteger();
    private volatile int refuseWith;
    private volatile Ending ending = Ending.DONE;
    private volatile String usage = usage(100, 20, 50, 10, 30, 40);

    FakeRealtimeUpstream() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** A {@code response.done} usage object in OpenAI's shape. */
    static String usage(
            long inputText, long cachedText, long inputAudio, long cachedAudio, long outputText, long outputAudio) {
        return "{\"total_tokens\":" + (inputText + inputAudio + outputText + outputAudio) + ",\"input_tokens\":"
                + (inputText + inputAudio) + ",\"output_tokens\":" + (outputText + outputAudio)
                + ",\"input_token_details\":{\"cached_tokens\":" + (cachedText + cachedAudio) + ",\"text_tokens\":"
                + inputText + ",\"audio_tokens\":" + inputAudio + ",\"cached_tokens_details\":{\"text_tokens\":"
                + cachedText + ",\"audio_tokens\":" + cachedAudio + "}},\"output_token_details\":{\"text_tokens\":"
                + outputText + ",\"audio_tokens\":" + outputAudio + "}}";
    }

    void usage(String usageJson) {
        this.usage = usageJson;
    }

    void refuseWith(int status) {
        this.refuseWith = status;
    }

    void ending(Ending ending) {
        this.ending = ending;
    }

    List<Handshake> handshakes() {
        return handshakes;
    }

    List<JsonNode> clientEvents() {
        return clientEvents;
    }

    /** Client events of one type, in order. */
    List<JsonNode> clientEvents(String type) {
        return clientEvents.stream()
                .filter(e -> type.equals(e.path("type").asText()))
                .toList();
    }

    int closesReceived() {
        return closesReceived.get();
    }

    /** Connections still open. */
    long openConnections() {
        return sockets.stream().filter(s -> !s.isClosed()).count();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Handshake handshake = readHandshake(in);
            handshakes.add(handshake);
            int refuse = refuseWith;
            if (refuse != 0) {
                byte[] body = "{\"error\":{\"message\":\"refused\",\"type\":\"invalid_request_error\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + refuse + " Refused\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return;
            }
            String accept = accept(handshake.headers().get("sec-websocket-key"));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sendText(
                    out,
                    "{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"id\":\"sess_1\","
                            + "\"object\":\"realtime.session\"}}");
            StringBuilder message = new StringBuilder();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int b1 = in.read();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] payload = in.readNBytes((int) length);
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                }
                if (opcode == 0x8) {
                    closesReceived.incrementAndGet();
                    writeFrame(out, 0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    return;
                }
                if (opcode == 0x9) {
                    writeFrame(out, 0xA, payload);
                    continue;
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    message.append(new String(payload, StandardCharsets.UTF_8));
                    if (fin) {
                        String text = message.toString();
                        message.setLength(0);
                        if (!onClientEvent(out, text)) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the other side went away
        }
    }

    /** Answers one client event; false when the connection is to end. */
    private boolean onClientEvent(OutputStream out, String text) throws IOException {
        JsonNode event = JSON.readTree(text);
        clientEvents.add(event);
        String type = event.path("type").asText();
        if (!"response.create".equals(type) && !"input_audio_buffer.commit".equals(type)) {
            return true;
        }
        if ("input_audio_buffer.commit".equals(type)) {
            sendText(
                    out, "{\"type\":\"input_audio_buffer.committed\",\"event_id\":\"event_c\",\"item_id\":\"item_1\"}");
        }
        Ending end = ending;
        String id = "resp_" + responses.incrementAndGet();
        sendText(
                out,
                "{\"type\":\"response.created\",\"event_id\":\"event_" + id + "_1\",\"response\":{\"id\":\"" + id
                        + "\",\"object\":\"realtime.response\",\"status\":\"in_progress\",\"output\":[],\"usage\":null}}");
        if (end == Ending.SILENT) {
            return true;
        }
        sendText(
                out,
                "{\"type\":\"response.text.delta\",\"event_id\":\"event_" + id + "_2\",\"response_id\":\"" + id
                        + "\",\"item_id\":\"item_2\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + TEXT_DELTA
                        + "\"}");
        sendText(
                out,
                "{\"type\":\"response.audio.delta\",\"event_id\":\"event_" + id + "_3\",\"response_id\":\"" + id
                        + "\",\"item_id\":\"item_2\",\"output_index\":0,\"content_index\":1,\"delta\":\""
                        + Base64.getEncoder().encodeToString(new byte[AUDIO_DELTA_BYTES]) + "\"}");
        if (end == Ending.CUT_AFTER_DELTAS) {
            try {
                Thread.sleep(300); // the deltas are on their way to the client; then the network fails
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false; // the socket is closed without a close frame: a network cut
        }
        ObjectNode done = (ObjectNode) JSON.readTree("{\"type\":\"response.done\",\"event_id\":\"event_" + id
                + "_4\",\"response\":{\"id\":\"" + id + "\",\"object\":\"realtime.response\",\"status\":\"completed\","
                + "\"output\":[],\"usage\":" + usage + "}}");
        sendText(out, JSON.writeValueAsString(done));
        if (end == Ending.CLOSE_AFTER_DONE) {
            writeFrame(out, 0x8, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});
            return false;
        }
        return true;
    }

    private static Handshake readHandshake(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("handshake cut");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Handshake(lines[0].split(" ")[1], headers);
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendText(OutputStream out, String text) throws IOException {
        writeFrame(out, 0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65_536) {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
            }
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
