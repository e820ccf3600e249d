package dev.tollgate.adapter.out.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.provider.ChatUpstreamContract;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Received;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Script;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;

/** The provider contract for OpenAI-compatible channels (Chat Completions API). */
class OpenAiChatUpstreamContractTest extends ChatUpstreamContract {
    private static final String KEY = "sk-upstream-secret-key-907531";
    private static final String MODEL = "gpt-4o-mini-2024-07-18";

    @Override
    protected ChatUpstreamPort adapter() {
        return new OpenAiChatUpstream(SETTINGS);
    }

    @Override
    protected UpstreamTarget target(String baseUrl) {
        return new UpstreamTarget("ch-openai", "openai", baseUrl, KEY, null);
    }

    @Override
    protected String upstreamModel() {
        return MODEL;
    }

    @Override
    protected void assertAddressedWithCredentials(Received sent, boolean stream) throws Exception {
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(JSON.readTree(sent.body()).path("model").asText()).isEqualTo(MODEL);
        assertThat(JSON.readTree(sent.body()).path("stream").asBoolean()).isEqualTo(stream);
    }

    @Override
    protected Script textAnswer() {
        return jsonAnswer("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"%s","choices":[{"index":0,\
                "message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}""".formatted(MODEL));
    }

    @Override
    protected Script toolCallAnswer() {
        return jsonAnswer("""
                {"id":"chatcmpl-2","object":"chat.completion","created":1750000000,"model":"%s","choices":[{"index":0,\
                "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",\
                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},\
                "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":20,"completion_tokens":5,"total_tokens":25}}\
                """.formatted(MODEL));
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\""
                + MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }

    @Override
    protected Script textStream() {
        return sseAnswer(
                chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null),
                chunk("{\"content\":\" there\"}", null),
                chunk("{}", "stop"),
                "data: {\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\""
                        + MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,"
                        + "\"total_tokens\":18}}\n\n",
                "data: [DONE]\n\n");
    }

    @Override
    protected Script streamStart() {
        return sseAnswer(chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null));
    }

    @Override
    protected Script streamCutMidEvent() {
        return sseAnswer(
                chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}", null), "data: {\"id\":\"chatcmpl-3\",\"obj");
    }

    @Override
    protected String rateLimitErrorBody() {
        return """
                {"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","param":null,\
                "code":"rate_limit_exceeded"}}""";
    }
}
