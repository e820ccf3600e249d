package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An upstream stream that breaks after the first bytes reached the client: the client's stream ends with an error
 * event (never with {@code [DONE]}), and the output it received is paid for.
 */
class StreamFailureEndToEndTest extends EndToEndTestBase {

    /** Answers one request with two SSE events, then drops the connection without finishing. */
    private static ServerSocket breakingUpstream() throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[65536];
                    int total = 0;
                    String head = "";
                    while (!head.contains("\r\n\r\n")) {
                        int n = in.read(buf, total, buf.length - total);
                        if (n < 0) {
                            break;
                        }
                        total += n;
                        head = new String(buf, 0, total, StandardCharsets.ISO_8859_1);
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                                    + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":"
                                    + "[{\"index\":0,\"delta\":{\"content\":\"The answer is \"},\"finish_reason\":null}]}\n\n"
                                    + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":"
                                    + "[{\"index\":0,\"delta\":{\"content\":\"forty-two, because\"},\"finish_reason\":null}]}"
                                    + "\n\ndata: {\"id\":\"c\",\"obj")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    @Test
    void givenAnUpstreamThatDiesMidStream_whenStreaming_thenTheClientGetsAnErrorEventAndPaysForWhatItGot()
            throws Exception {
        try (ServerSocket upstream = breakingUpstream()) {
            // given
            String model = uniqueModel("broken-stream");
            admin.createChannel(
                    "broken-" + model, "http://127.0.0.1:" + upstream.getLocalPort(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "k", "quota", 100_000));

            // when
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + token.get("key").asText())
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"model\":\"" + model
                                                            + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"why?\"}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            // then: the delivered events, then an error event, and no [DONE]
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("The answer is ").contains("forty-two, because");
            assertThat(r.body()).contains("\"error\"").contains("upstream_error");
            assertThat(r.body()).doesNotContain("[DONE]");
            // paid: the delivered text and the prompt counted with the tokenizer (cl100k_base for this model), plus
            // OpenAI's chat overhead of 3 per message and 3 for the reply; 1 unit per token
            var cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
            long expected = cl100k.countTokensOrdinary("The answer is forty-two, because")
                    + cl100k.countTokensOrdinary("why?\n")
                    + 3
                    + 3;
            JsonNode after =
                    admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
            assertThat(after.get("usedQuota").asLong()).isEqualTo(expected);
        }
    }
}
