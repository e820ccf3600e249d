package dev.tollgate.adapter.out.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.provider.ChatUpstreamContract;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Received;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Script;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;

/**
 * The provider contract for Gemini channels (generateContent / streamGenerateContent). Vertex AI's Gemini models
 * answer in the same format: its contract test extends this one.
 */
public class GeminiChatUpstreamContractTest extends ChatUpstreamContract {
    private static final String KEY = "AIza-upstream-secret-key-5521";
    protected static final String MODEL = "gemini-2.5-flash";

    @Override
    protected ChatUpstreamPort adapter() {
        return new GeminiChatUpstream(SETTINGS, url -> {
            throw new IllegalStateException("no image is fetched in the contract");
        });
    }

    @Override
    protected UpstreamTarget target(String baseUrl) {
        return new UpstreamTarget("ch-gemini", "gemini", baseUrl, KEY, null);
    }

    @Override
    protected String upstreamModel() {
        return MODEL;
    }

    @Override
    protected void assertAddressedWithCredentials(Received sent, boolean stream) throws Exception {
        assertThat(sent.path())
                .isEqualTo(
                        "/v1beta/models/" + MODEL + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
        assertThat(sent.headers().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.headers()).doesNotContainKey("authorization");
    }

    @Override
    protected Script textAnswer() {
        return jsonAnswer("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello there"}]},"finishReason":"STOP",\
                "index":0}],"usageMetadata":{"promptTokenCount":11,"candidatesTokenCount":7,"totalTokenCount":18},\
                "modelVersion":"gemini-2.5-flash"}""");
    }

    @Override
    protected Script toolCallAnswer() {
        return jsonAnswer("""
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather",\
                "args":{"city":"Paris"}}}]},"finishReason":"STOP","index":0}],\
                "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":5,"totalTokenCount":25}}""");
    }

    private static String textEvent(String text) {
        return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text
                + "\"}]},\"index\":0}]}\r\n\r\n";
    }

    @Override
    protected Script textStream() {
        return sseAnswer(
                textEvent("Hello"),
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\" there\"}]},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":11,"
                        + "\"candidatesTokenCount\":7,\"totalTokenCount\":18}}\r\n\r\n");
    }

    @Override
    protected Script streamStart() {
        return sseAnswer(textEvent("Hello"));
    }

    @Override
    protected Script streamCutMidEvent() {
        return sseAnswer(textEvent("Hello"), "data: {\"candidates\":[{\"cont");
    }

    @Override
    protected String rateLimitErrorBody() {
        return """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).",\
                "status":"RESOURCE_EXHAUSTED"}}""";
    }
}
