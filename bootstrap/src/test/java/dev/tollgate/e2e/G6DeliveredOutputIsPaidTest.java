package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * G6 Output that reached the client is paid for (client disconnect, upstream reset mid-stream). Neither stream
 * reports usage, so the delivered text and the prompt are counted with the tokenizer (cl100k_base for these model
 * names) plus OpenAI's chat overhead (3 per message, 3 for the reply); 1 unit per token.
 */
class G6DeliveredOutputIsPaidTest extends BillingGuaranteeTestBase {
    private static final Encoding CL100K =
            Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final String PROMPT = "why?";

    private static String chunk(String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        // the body's length is in the head; it is small and read to its end so the request is complete
        String h = head.toString().toLowerCase(Locale.ROOT);
        int at = h.indexOf("content-length:");
        if (at >= 0) {
            int length =
                    Integer.parseInt(h.substring(at + 15, h.indexOf('\r', at)).trim());
            in.readNBytes(length);
        }
    }

    /**
     * An upstream that sends the first words, then ({@code thenWait}) waits until the test says the client is gone,
     * then keeps sending a word every 20 ms until its writes fail or 500 words were sent; it counts what it sent.
     */
    private static ServerSocket slowUpstream(CountDownLatch clientGone, AtomicInteger wordsSent) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                                + chunk("The answer is"))
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                clientGone.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < 500; i++) {
                    out.write(chunk(" word").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    wordsSent.incrementAndGet();
                    Thread.sleep(20);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | InterruptedException e) {
                // the gateway hung up: the end of this fake's work
            }
        });
        return server;
    }

    /** An upstream that sends two events and then drops the connection in the middle of a third. */
    private static ServerSocket breakingUpstream() throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                                + chunk("The answer is ") + chunk("forty-two, because")
                                + "data: {\"id\":\"c\",\"obj")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // nothing more to do
            }
        });
        return server;
    }

    private JsonNode interruptedRecord(JsonNode key) throws InterruptedException {
        JsonNode usage = await(() -> usage(key), u -> u.get("total").asLong() == 1);
        assertThat(usage.get("total").asLong()).isEqualTo(1);
        return usage.get("items").get(0);
    }

    @Test
    void givenAnUpstreamResetMidStream_thenTheClientPaysExactlyForTheTextItReceived() throws Exception {
        try (ServerSocket upstream = breakingUpstream()) {
            // given
            String model = uniqueModel("g6-reset");
            admin.createChannel("reset-" + model, "http://127.0.0.1:" + upstream.getLocalPort(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            User user = newUser("g6");
            credit(user, 100_000, "start");
            JsonNode key = keyOf(user, Map.of("name", "k", "quota", 50_000));

            // when
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                            .header("Authorization", "Bearer " + key.get("key").asText())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            // then: what arrived, then an error event; paid for exactly that
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body())
                    .contains("The answer is ")
                    .contains("forty-two, because")
                    .contains("upstream_error")
                    .doesNotContain("[DONE]");
            long expected = CL100K.countTokensOrdinary("The answer is forty-two, because")
                    + CL100K.countTokensOrdinary(PROMPT + "\n")
                    + 3
                    + 3;
            JsonNode record = interruptedRecord(key);
            assertThat(record.get("outcome").asText()).isEqualTo("interrupted");
            assertThat(record.get("cost").asLong()).isEqualTo(expected);
            assertThat(token(key).get("usedQuota").asLong()).isEqualTo(expected);
            assertThat(wallet(user).get("used").asLong()).isEqualTo(expected);
            assertThat(wallet(user).get("reserved").asLong()).isZero();
            JsonNode ledger = ledgerEntries("tokenId=" + key.get("id").asText() + "&kind=settlement", 1);
            assertThat(ledger.get("entries").get(0).get("amount").asLong()).isEqualTo(-expected);
        }
    }

    @Test
    void givenAClientThatHangsUpMidStream_thenWhatReachedItIsPaidAndTheRestIsNot() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        AtomicInteger wordsSent = new AtomicInteger();
        try (ServerSocket upstream = slowUpstream(clientGone, wordsSent)) {
            // given
            String model = uniqueModel("g6-hangup");
            admin.createChannel("slow-" + model, "http://127.0.0.1:" + upstream.getLocalPort(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            User user = newUser("g6hang");
            credit(user, 100_000, "start");
            JsonNode key = keyOf(user, Map.of("name", "k", "quota", 50_000));
            String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"" + PROMPT + "\"}]}";

            // when: the client reads the first words, then closes its connection
            String received;
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.getOutputStream()
                        .write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Authorization: Bearer "
                                        + key.get("key").asText() + "\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: "
                                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                                .getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                InputStream in = client.getInputStream();
                StringBuilder seen = new StringBuilder();
                byte[] buf = new byte[4096];
                while (seen.indexOf("The answer is") < 0) {
                    int n = in.read(buf);
                    assertThat(n).as("the stream ended before its first words").isPositive();
                    seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
                received = seen.toString();
            }
            clientGone.countDown();

            // then: charged at least for what the client received, and not for the whole answer the upstream had
            JsonNode record = interruptedRecord(key);
            assertThat(received).startsWith("HTTP/1.1 200");
            long paidAtLeast =
                    CL100K.countTokensOrdinary("The answer is") + CL100K.countTokensOrdinary(PROMPT + "\n") + 3 + 3;
            long wholeAnswer = paidAtLeast + 500;
            assertThat(record.get("outcome").asText()).isEqualTo("interrupted");
            assertThat(record.get("cost").asLong())
                    .isGreaterThanOrEqualTo(paidAtLeast)
                    .isLessThan(wholeAnswer);
            assertThat(wordsSent.get()).isLessThan(500);
            assertThat(token(key).get("usedQuota").asLong())
                    .isEqualTo(record.get("cost").asLong());
            assertThat(wallet(user).get("used").asLong())
                    .isEqualTo(record.get("cost").asLong());
            assertThat(wallet(user).get("reserved").asLong()).isZero();
        }
    }
}
