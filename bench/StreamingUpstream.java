import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A fake OpenAI-compatible upstream that streams slowly, for the streaming benchmark (bench/stream.sh).
 *
 * <p>POST /v1/chat/completions with {@code "stream": true} answers {@code text/event-stream} with chunked transfer:
 * EVENTS {@code chat.completion.chunk} content events, GAP_MS milliseconds apart and flushed one by one (the first
 * one at once), then a usage chunk ({@code "choices":[]}, 12 prompt tokens, EVENTS completion tokens) and
 * {@code data: [DONE]}. Any other request (the readiness probe uses GET /, the relay check a non-stream POST) gets a
 * fixed {@code chat.completion}. Listens on the loopback interface only; every exchange runs on a virtual thread.
 *
 * <p>Usage: {@code java bench/StreamingUpstream.java PORT EVENTS GAP_MS}
 */
public class StreamingUpstream {
    private static final Pattern STREAM_TRUE = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
                    + "\"created\":1700000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"Hello from the streaming benchmark upstream.\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,"
                    + "\"total_tokens\":20}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private static int events;
    private static long gapMillis;
    private static byte[] finalChunk;
    private static byte[] usageChunk;
    private static final AtomicLong STREAMS = new AtomicLong();
    private static final AtomicLong BROKEN = new AtomicLong();

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java bench/StreamingUpstream.java PORT EVENTS GAP_MS");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        events = Integer.parseInt(args[1]);
        gapMillis = Long.parseLong(args[2]);
        finalChunk = event("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        usageChunk = event("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"bench-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":"
                + events + ",\"total_tokens\":" + (12 + events) + "}}");
        // Every event is its own small write: no Nagle delay (the JDK server reads this when it is first used).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // A large accept backlog: the benchmark opens hundreds of connections at the same moment.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", StreamingUpstream::handle);
        server.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> System.out.println("streams served: " + STREAMS.get() + ", broken: " + BROKEN.get())));
        System.out.println(
                "streaming upstream on 127.0.0.1:" + port + ", " + events + " events " + gapMillis + " ms apart");
    }

    private static byte[] event(String json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] contentChunk(int index) {
        return event("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{"
                + (index == 0 ? "\"role\":\"assistant\"," : "") + "\"content\":\"tok" + index + " \"},"
                + "\"finish_reason\":null}]}");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean stream = "POST".equals(exchange.getRequestMethod())
                    && STREAM_TRUE
                            .matcher(new String(body, StandardCharsets.UTF_8))
                            .find();
            if (!stream) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, COMPLETION.length);
                exchange.getResponseBody().write(COMPLETION);
                return;
            }
            STREAMS.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0); // chunked transfer
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < events; i++) {
                    if (i > 0 && gapMillis > 0) {
                        Thread.sleep(gapMillis);
                    }
                    out.write(contentChunk(i));
                    out.flush();
                }
                out.write(finalChunk);
                out.write(usageChunk);
                out.write(DONE);
                out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                BROKEN.incrementAndGet();
            } catch (IOException e) {
                BROKEN.incrementAndGet();
                throw e;
            }
        }
    }
}
