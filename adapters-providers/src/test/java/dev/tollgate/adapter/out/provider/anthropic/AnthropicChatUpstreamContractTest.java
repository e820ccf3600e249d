package dev.tollgate.adapter.out.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.provider.ChatUpstreamContract;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Received;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Script;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;

/**
 * The provider contract for Anthropic channels (Messages API). Claude on Vertex AI answers in the same format: its
 * contract test extends this one.
 */
public class AnthropicChatUpstreamContractTest extends ChatUpstreamContract {
    private static final String KEY = "sk-ant-upstream-secret-key-4711";
    private static final String MODEL = "claude-sonnet-4-5-20250929";

    @Override
    protected ChatUpstreamPort adapter() {
        return new AnthropicChatUpstream(SETTINGS);
    }

    @Override
    protected UpstreamTarget target(String baseUrl) {
        return new UpstreamTarget("ch-anthropic", "anthropic", baseUrl, KEY, null);
    }

    @Override
    protected String upstreamModel() {
        return MODEL;
    }

    @Override
    protected void assertAddressedWithCredentials(Received sent, boolean stream) throws Exception {
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers().get("x-api-key")).isEqualTo(KEY);
        assertThat(sent.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.headers()).doesNotContainKey("authorization");
        assertThat(JSON.readTree(sent.body()).path("model").asText()).isEqualTo(MODEL);
        assertThat(JSON.readTree(sent.body()).path("stream").asBoolean()).isEqualTo(stream);
    }

    @Override
    protected Script textAnswer() {
        return jsonAnswer("""
                {"id":"msg_01","type":"message","role":"assistant","model":"%s","content":[{"type":"text",\
                "text":"Hello there"}],"stop_reason":"end_turn","stop_sequence":null,\
                "usage":{"input_tokens":11,"output_tokens":7}}""".formatted(MODEL));
    }

    @Override
    protected Script toolCallAnswer() {
        return jsonAnswer("""
                {"id":"msg_02","type":"message","role":"assistant","model":"%s","content":[{"type":"tool_use",\
                "id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}],"stop_reason":"tool_use",\
                "stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":5}}""".formatted(MODEL));
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String messageStart() {
        return event(
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_03\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"" + MODEL + "\",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}");
    }

    private static String textDelta(String text) {
        return event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0," + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
                        + text + "\"}}");
    }

    @Override
    protected Script textStream() {
        return sseAnswer(
                messageStart(),
                event(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("ping", "{\"type\":\"ping\"}"),
                textDelta("Hello"),
                textDelta(" there"),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"));
    }

    @Override
    protected Script streamStart() {
        return sseAnswer(messageStart());
    }

    @Override
    protected Script streamCutMidEvent() {
        return sseAnswer(messageStart(), "event: content_block_start\ndata: {\"type\":\"content_bl");
    }

    @Override
    protected String rateLimitErrorBody() {
        return """
                {"type":"error","error":{"type":"rate_limit_error",\
                "message":"Number of request tokens has exceeded your per-minute rate limit"}}""";
    }
}
