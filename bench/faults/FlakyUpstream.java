import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A fake OpenAI upstream that misbehaves on a schedule, for bench/faults/upstream-flap.sh. Phases of PHASE_S seconds
 * follow each other in this order, then again: ok, reset (the connection is reset once the request is read), ok,
 * slow (the answer comes after SLOW_MS), ok, half-open (the request is read and nothing is ever answered; the socket
 * stays open), ok, error (HTTP 500). An "ok" answer is a chat.completion with 12 + 8 tokens; a request for a stream
 * gets it as a short SSE stream. Loopback only. Prints the phase changes.
 *
 * <p>Usage: {@code java bench/faults/FlakyUpstream.java PORT PHASE_S SLOW_MS}
 */
public class FlakyUpstream {
    private static final String[] PHASES = {"ok", "reset", "ok", "slow", "ok", "half-open", "ok", "error"};
    private static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-flaky\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM = ("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}\n\ndata: [DONE]\n\n")
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long phaseMillis = Long.parseLong(args[1]) * 1000;
        long slowMillis = Long.parseLong(args[2]);
        long start = System.currentTimeMillis();
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        Thread.ofVirtual().start(() -> {
            String last = "";
            while (true) {
                String now = PHASES[(int) ((System.currentTimeMillis() - start) / phaseMillis % PHASES.length)];
                if (!now.equals(last)) {
                    System.out.println((System.currentTimeMillis() - start) / 1000 + "s: " + now);
                    last = now;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket socket = server.accept();
                pool.submit(() -> serve(socket, start, phaseMillis, slowMillis));
            }
        }
    }

    private static void serve(Socket socket, long start, long phaseMillis, long slowMillis) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) { // keep-alive: one request after another
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                String phase = PHASES[(int) ((System.currentTimeMillis() - start) / phaseMillis % PHASES.length)];
                switch (phase) {
                    case "reset" -> {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case "half-open" -> {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    case "slow" -> Thread.sleep(slowMillis);
                    case "error" -> {
                        byte[] body = "{\"error\":{\"message\":\"flaky\",\"type\":\"server_error\"}}".getBytes();
                        out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        continue;
                    }
                    default -> {}
                }
                boolean stream = request.replace(" ", "").contains("\"stream\":true");
                byte[] body = stream ? STREAM : COMPLETION;
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + (stream ? "text/event-stream" : "application/json")
                                + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** Headers and body of one request (Content-Length framing), or null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
