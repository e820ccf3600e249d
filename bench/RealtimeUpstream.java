import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake OpenAI Realtime upstream for bench/realtime.sh: a WebSocket server (RFC 6455 over a plain socket, one
 * virtual thread per connection) that sends session.created on connect, answers each conversation.item.create at
 * once with conversation.item.created (carrying the client's event_id back as previous_item_id, so the client can
 * time the round trip), and each response.create with response.created, one text delta and response.done with usage.
 * A plain HTTP request (no upgrade) gets 200 "ok" (the script's readiness check). Loopback only.
 *
 *   java bench/RealtimeUpstream.java <port>
 */
public final class RealtimeUpstream {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final AtomicInteger RESPONSES = new AtomicInteger();

    public static void main(String[] args) throws IOException {
        try (ServerSocket server =
                new ServerSocket(Integer.parseInt(args[0]), 4096, InetAddress.getLoopbackAddress())) {
            System.out.println("realtime upstream on " + server.getLocalPort());
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            String key = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            if (key == null) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            send(out, "{\"type\":\"session.created\",\"event_id\":\"event_0\",\"session\":{\"id\":\"sess_bench\"}}");
            StringBuilder message = new StringBuilder();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int b1 = in.read();
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
                    frame(out, 0x8, new byte[] {0x03, (byte) 0xE8});
                    return;
                }
                if (opcode == 0x9) {
                    frame(out, 0xA, payload);
                    continue;
                }
                message.append(new String(payload, StandardCharsets.UTF_8));
                if ((b0 & 0x80) == 0) {
                    continue;
                }
                String text = message.toString();
                message.setLength(0);
                Matcher type = TYPE.matcher(text);
                if (!type.find()) {
                    continue;
                }
                Matcher id = EVENT_ID.matcher(text);
                String eventId = id.find() ? id.group(1) : "none";
                switch (type.group(1)) {
                    case "conversation.item.create" ->
                        send(
                                out,
                                "{\"type\":\"conversation.item.created\","
                                        + "\"event_id\":\"event_s\",\"previous_item_id\":\"" + eventId
                                        + "\",\"item\":{\"id\":\"item_"
                                        + eventId + "\",\"type\":\"message\",\"role\":\"user\"}}");
                    case "response.create" -> {
                        String r = "resp_" + RESPONSES.incrementAndGet();
                        send(
                                out,
                                "{\"type\":\"response.created\",\"event_id\":\"event_r1\",\"response\":{\"id\":\"" + r
                                        + "\",\"status\":\"in_progress\"}}");
                        send(
                                out,
                                "{\"type\":\"response.text.delta\",\"event_id\":\"event_r2\",\"response_id\":\"" + r
                                        + "\",\"delta\":\"Hello\"}");
                        send(
                                out,
                                "{\"type\":\"response.done\",\"event_id\":\"event_r3\",\"response\":{\"id\":\"" + r
                                        + "\",\"status\":\"completed\",\"usage\":{\"total_tokens\":30,\"input_tokens\":20,"
                                        + "\"output_tokens\":10,\"input_token_details\":{\"cached_tokens\":0,\"text_tokens\":20,"
                                        + "\"audio_tokens\":0},\"output_token_details\":{\"text_tokens\":10,\"audio_tokens\":0}}}}");
                    }
                    default -> {}
                }
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("cut");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void send(OutputStream out, String text) throws IOException {
        frame(out, 0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 4);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(payload.length);
        } else {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xFF);
        }
        f.write(payload);
        out.write(f.toByteArray());
        out.flush();
    }
}
