package dev.tollgate.adapter.out.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AnthropicConversionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";

    private static ObjectNode convert(String chat, Long override) throws Exception {
        return AnthropicConversion.toMessagesRequest(JSON, JSON.readTree(chat), "claude-up", override);
    }

    private static String body(String extra) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    }

    @Test
    void givenOutputLimits_whenConverting_thenOverrideThenMaxCompletionTokensThenMaxTokensThenDefault()
            throws Exception {
        assertThat(convert(body(",\"max_tokens\":10,\"max_completion_tokens\":20"), 5L)
                        .get("max_tokens")
                        .asLong())
                .isEqualTo(5);
        assertThat(convert(body(",\"max_tokens\":10,\"max_completion_tokens\":20"), null)
                        .get("max_tokens")
                        .asLong())
                .isEqualTo(20);
        assertThat(convert(body(",\"max_tokens\":10"), null).get("max_tokens").asLong())
                .isEqualTo(10);
        assertThat(convert(body(""), null).get("max_tokens").asLong()).isEqualTo(4096);
    }

    @Test
    void givenToolChoices_whenConverting_thenEachMapsToItsAnthropicForm() throws Exception {
        assertThat(convert(body("," + TOOLS + ",\"tool_choice\":\"auto\""), null)
                        .get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"auto\"}"));
        assertThat(convert(body("," + TOOLS + ",\"tool_choice\":\"required\""), null)
                        .get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"any\"}"));
        assertThat(convert(body("," + TOOLS + ",\"tool_choice\":\"none\""), null)
                        .get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"none\"}"));
        assertThat(convert(
                                body("," + TOOLS
                                        + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"),
                                null)
                        .get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"f\"}"));
        assertThat(convert(body("," + TOOLS + ",\"parallel_tool_calls\":false"), null)
                        .get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        assertThat(convert(body(",\"tool_choice\":\"auto\""), null).has("tool_choice"))
                .isFalse();
    }

    @Test
    void givenAToolWithoutParameters_whenConverting_thenAnEmptyObjectSchemaIsSent() throws Exception {
        assertThat(convert(body("," + TOOLS), null).get("tools"))
                .isEqualTo(
                        JSON.readTree("[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]"));
    }

    @Test
    void givenAStopArrayAndStream_whenConverting_thenStopSequencesAndStreamAreSentAndOpenAiOnlyFieldsDropped()
            throws Exception {
        ObjectNode out = convert(
                body(",\"stop\":[\"a\",\"b\"],\"stream\":true,\"n\":2,\"seed\":1,"
                        + "\"stream_options\":{\"include_usage\":true},\"logprobs\":true,\"top_k\":5"),
                null);
        assertThat(out.get("stop_sequences")).isEqualTo(JSON.readTree("[\"a\",\"b\"]"));
        assertThat(out.get("stream").asBoolean()).isTrue();
        assertThat(out.get("top_k").asInt()).isEqualTo(5);
        assertThat(out.get("model").asText()).isEqualTo("claude-up");
        assertThat(out.has("n") || out.has("seed") || out.has("stream_options") || out.has("logprobs"))
                .isFalse();
    }

    @Test
    void givenAToolResultFollowedByAUserMessage_whenConverting_thenBothShareOneUserTurnResultsFirst() throws Exception {
        ObjectNode out = convert(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"t1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"t1\",\"content\":\"r\"},"
                        + "{\"role\":\"user\",\"content\":\"go on\"}]}",
                null);
        assertThat(out.get("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":[{"type":"text","text":"q"}]},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"r"},
                                           {"type":"text","text":"go on"}]}]"""));
        assertThat(out.has("system")).isFalse();
    }

    @Test
    void givenUnconvertibleRequests_whenConverting_thenTheyAreRefused() {
        assertThatThrownBy(() -> convert("{\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("function");
        assertThatThrownBy(() -> convert("{\"model\":\"m\"}", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> convert(
                        "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"t\","
                                + "\"function\":{\"name\":\"f\",\"arguments\":\"{not json\"}}]}]}",
                        null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> convert(
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                                + "\"image_url\":{\"url\":\"data:image/png,abc\"}}]}]}",
                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenStopReasons_whenMapping_thenOpenAiFinishReasonsResult() {
        assertThat(AnthropicConversion.finishReason("end_turn")).isEqualTo("stop");
        assertThat(AnthropicConversion.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(AnthropicConversion.finishReason("max_tokens")).isEqualTo("length");
        assertThat(AnthropicConversion.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(AnthropicConversion.finishReason("refusal")).isEqualTo("content_filter");
        assertThat(AnthropicConversion.finishReason(null)).isNull();
    }

    @Test
    void givenAMessageWithoutText_whenConvertingTheAnswer_thenContentIsNullAndLengthFinish() throws Exception {
        JsonNode message = JSON.readTree("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"stop_reason\":\"max_tokens\",\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}");
        ObjectNode chat = AnthropicConversion.toChatCompletion(JSON, message, "claude-fast", 1);
        assertThat(chat.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(chat.at("/choices/0/message").has("tool_calls")).isFalse();
        assertThat(chat.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(chat.at("/usage/prompt_tokens").asLong()).isEqualTo(3);
    }
}
