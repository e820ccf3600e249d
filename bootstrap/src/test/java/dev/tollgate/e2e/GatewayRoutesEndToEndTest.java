package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The relay's inbound route table on Spring Cloud Gateway Server MVC: the routes and their filters (key present,
 * body size) answer before the body is read, and nothing of the client's headers reaches a provider. Raw sockets,
 * so that headers an HTTP client library refuses to send (Connection, TE, Proxy-Authorization) can be sent.
 */
class GatewayRoutesEndToEndTest extends EndToEndTestBase {
    @Autowired
    ApplicationContext context;

    private record RawAnswer(int status, String head, String body) {}

    private RawAnswer raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0) {
                    String head = text.substring(0, end);
                    int length = contentLength(head);
                    if (length >= 0 && text.length() - end - 4 >= length) {
                        return new RawAnswer(
                                Integer.parseInt(head.substring(9, 12)),
                                head,
                                text.substring(end + 4, end + 4 + length));
                    }
                }
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return new RawAnswer(
                    Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    @Test
    void theRelayIsServedByTheGatewayRouteTableAndNotByMvcMappings() {
        assertThat(context.getBean("openAiRelayRoutes")).isInstanceOf(RouterFunction.class);
        RequestMappingHandlerMapping mvc =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        // the relay's handler mapping goes first and resolves /v1, /v1beta and /dashboard against the route table
        // alone: no annotated controller may serve a path there
        assertThat(mvc.getHandlerMethods().keySet())
                .noneMatch(mapping -> mapping.getPatternValues().stream()
                        .anyMatch(p -> p.startsWith("/v1") || p.startsWith("/dashboard")));
        DispatcherServlet dispatcher = context.getBean(DispatcherServlet.class);
        assertThat(dispatcher.getHandlerMappings()).isNotEmpty();
        assertThat(dispatcher.getHandlerMappings().getFirst().getClass().getSimpleName())
                .isEqualTo("RelayHandlerMapping");
    }

    @Test
    void givenClientAuthorizationHopByHopAndForwardedHeaders_whenRelayed_thenNoneReachesTheProvider() throws Exception {
        // given
        String model = uniqueModel("hygiene");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1, 1);
        String key = admin.createToken(Map.of("name", "hygiene", "unlimitedQuota", true))
                .get("key")
                .asText();
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        // when
        RawAnswer answer = raw("POST /v1/chat/completions HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + key + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n"
                + "TE: trailers\r\n"
                + "Proxy-Authorization: Basic c2VjcmV0OnNlY3JldA==\r\n"
                + "X-Forwarded-For: 10.1.2.3\r\n"
                + "X-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "Forwarded: for=10.1.2.3;host=evil.example\r\n"
                + "Cookie: session=abc\r\n"
                + "X-Custom-Client-Header: private\r\n"
                + "\r\n" + body);

        // then
        assertThat(answer.status()).isEqualTo(200);
        FakeOpenAiUpstream.Received received = UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(received.authorization())
                .isEqualTo("Bearer sk-upstream-fake-" + model)
                .doesNotContain(key);
        for (String header : List.of(
                "TE",
                "Proxy-Authorization",
                "X-Forwarded-For",
                "X-Forwarded-Host",
                "X-Forwarded-Proto",
                "Forwarded",
                "Cookie",
                "X-Custom-Client-Header")) {
            assertThat(received.header(header)).as(header).isEmpty();
        }
    }

    @Test
    void givenADeclaredBodyOverTheLimit_whenSent_then413BeforeTheBodyIsRead() throws Exception {
        // given: a declared length of 50 MiB and no body at all (the filter must not wait for it)
        String key = admin.createToken(Map.of("name", "big", "unlimitedQuota", true))
                .get("key")
                .asText();

        // when
        RawAnswer answer = raw("POST /v1/chat/completions HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + key + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 52428800\r\n"
                + "\r\n");

        // then
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"request_too_large\"");
    }

    @Test
    void givenNoKey_whenABodyIsDeclared_then401WithoutReadingIt() throws Exception {
        // when: the declared body never comes; the key filter answers first
        RawAnswer answer = raw("POST /v1/embeddings HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 1000\r\n"
                + "\r\n");

        // then
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"invalid_api_key\"");
    }

    @Test
    void givenAnInvalidKey_whenABodyIsDeclared_then401WithoutReadingIt() throws Exception {
        // when: a key is sent but matches none; the declared 5 MB body never comes (the relay must not wait for it)
        for (String path : List.of("/v1/chat/completions", "/v1/messages", "/v1beta/models/gemini-x:generateContent")) {
            RawAnswer answer = raw("POST " + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer sk-not-a-key-of-this-gateway\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\n"
                    + "\r\n{\"model\":");

            // then
            assertThat(answer.status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void givenAnUnknownRelayPath_then404InOpenAiShape() throws Exception {
        RawAnswer answer = raw("GET /v1/no-such-thing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("\"code\":\"unknown_url\"");
    }
}
