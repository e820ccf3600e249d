package dev.tollgate.adapter.in.web.relay.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** A Responses request as the chat completion channels of other protocols get. */
class ResponsesRequestsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ResponsesRequests requests = new ResponsesRequests(mapper);

    private ObjectNode chat(String request) throws Exception {
        ObjectNode root = (ObjectNode) mapper.readTree(request);
        return requests.toChat(root, requests.inputItems(root));
    }

    @Test
    void givenInstructionsAnImageAndAToolRound_whenConverted_thenTheChatHasTheSameConversation() throws Exception {
        // given
        String request = """
                {"model":"claude","instructions":"Be brief.","max_output_tokens":50,"stream":true,
                 "input":[
                   {"role":"user","content":[{"type":"input_text","text":"What is this?"},
                     {"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"low"}]},
                   {"type":"function_call","call_id":"call_1","name":"look","arguments":"{\\"x\\":1}"},
                   {"type":"function_call","call_id":"call_2","name":"look","arguments":"{\\"x\\":2}"},
                   {"type":"function_call_output","call_id":"call_1","output":"a cat"},
                   {"type":"reasoning","id":"rs_1","summary":[]},
                   {"role":"assistant","content":[{"type":"output_text","text":"A cat."}]}],
                 "tools":[{"type":"function","name":"look","parameters":{"type":"object"},"strict":true}],
                 "tool_choice":{"type":"function","name":"look"},
                 "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true}}}""";

        // when
        ObjectNode chat = chat(request);

        // then
        JsonNode messages = chat.path("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("Be brief.");
        assertThat(messages.get(1)
                        .path("content")
                        .get(1)
                        .path("image_url")
                        .path("url")
                        .asText())
                .isEqualTo("data:image/png;base64,AAAA");
        assertThat(messages.get(1)
                        .path("content")
                        .get(1)
                        .path("image_url")
                        .path("detail")
                        .asText())
                .isEqualTo("low");
        assertThat(messages.get(2).path("tool_calls"))
                .as("consecutive calls in one assistant turn")
                .hasSize(2);
        assertThat(messages.get(2)
                        .path("tool_calls")
                        .get(1)
                        .path("function")
                        .path("arguments")
                        .asText())
                .isEqualTo("{\"x\":2}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(4).path("content").asText()).isEqualTo("A cat.");
        assertThat(chat.path("max_tokens").asLong()).isEqualTo(50);
        assertThat(chat.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(chat.path("tools").get(0).path("function").path("name").asText())
                .isEqualTo("look");
        assertThat(chat.path("tool_choice").path("function").path("name").asText())
                .isEqualTo("look");
        assertThat(chat.path("response_format").path("json_schema").path("name").asText())
                .isEqualTo("answer");
    }

    @Test
    void givenABuiltInTool_whenConverted_thenThereIsNoChatForm() throws Exception {
        // given
        String request = """
                {"model":"claude","input":"news?","tools":[{"type":"web_search_preview"}]}""";

        // when
        ObjectNode chat = chat(request);

        // then
        assertThat(chat).isNull();
    }

    @Test
    void givenAStoredResponse_whenContinued_thenItsInputAndOutputComeFirst() throws Exception {
        // given
        String input = "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}]";
        String body = "{\"output\":[{\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"}]}]}";

        // when
        ArrayNode items = requests.conversation(input, body);

        // then
        assertThat(items).hasSize(2);
        assertThat(items.get(1).path("role").asText()).isEqualTo("assistant");
    }
}
