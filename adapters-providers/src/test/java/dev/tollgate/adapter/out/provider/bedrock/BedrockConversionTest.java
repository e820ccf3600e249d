package dev.tollgate.adapter.out.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BedrockConversionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";

    private static JsonNode convert(String chat) throws Exception {
        return BedrockConversion.toConverseRequest(JSON, JSON.readTree(chat), null);
    }

    @Test
    void givenEachToolChoice_whenConverting_thenTheConverseToolChoiceFollows() throws Exception {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertThat(convert("{" + messages + "," + TOOLS + ",\"tool_choice\":\"required\"}")
                        .path("toolConfig")
                        .path("toolChoice"))
                .isEqualTo(JSON.readTree("{\"any\":{}}"));
        assertThat(convert("{" + messages + "," + TOOLS
                                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}")
                        .path("toolConfig")
                        .path("toolChoice"))
                .isEqualTo(JSON.readTree("{\"tool\":{\"name\":\"f\"}}"));
        JsonNode noChoice = convert("{" + messages + "," + TOOLS + "}");
        assertThat(noChoice.path("toolConfig").has("toolChoice")).isFalse();
        assertThat(noChoice.path("toolConfig").path("tools").path(0))
                .isEqualTo(
                        JSON.readTree(
                                "{\"toolSpec\":{\"name\":\"f\",\"inputSchema\":{\"json\":{\"type\":\"object\",\"properties\":{}}}}}"));
        assertThat(convert("{" + messages + "," + TOOLS + ",\"tool_choice\":\"none\"}")
                        .has("toolConfig"))
                .isFalse();
    }

    @Test
    void givenToolChoiceNoneWithToolHistory_whenConverting_thenTheToolsStayWithoutAChoice() throws Exception {
        JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"ok\"}]," + TOOLS
                + ",\"tool_choice\":\"none\"}");
        assertThat(out.path("toolConfig").path("tools")).hasSize(1);
        assertThat(out.path("toolConfig").has("toolChoice")).isFalse();
        assertThat(out.path("messages")
                        .path(1)
                        .path("content")
                        .path(0)
                        .path("toolUse")
                        .path("input"))
                .isEqualTo(JSON.createObjectNode());
    }

    @Test
    void givenImagesOfEachFormat_whenConverting_thenTheFormatComesFromTheMediaType() throws Exception {
        for (String[] c : new String[][] {
            {"image/jpeg", "jpeg"},
            {"image/jpg", "jpeg"},
            {"image/gif", "gif"},
            {"image/webp", "webp"},
            {"image/png", "png"}
        }) {
            JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                    + "\"image_url\":{\"url\":\"data:" + c[0] + ";base64,AAAA\"}}]}]}");
            assertThat(out.path("messages").path(0).path("content").path(0))
                    .isEqualTo(
                            JSON.readTree("{\"image\":{\"format\":\"" + c[1] + "\",\"source\":{\"bytes\":\"AAAA\"}}}"));
        }
        assertThatThrownBy(() -> convert("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                        + "\"image_url\":{\"url\":\"data:image/tiff;base64,AAAA\"}}]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image/tiff");
    }

    @Test
    void givenEachStopReason_whenMapping_thenTheFinishReasonFollows() {
        assertThat(BedrockConversion.finishReason("end_turn")).isEqualTo("stop");
        assertThat(BedrockConversion.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(BedrockConversion.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(BedrockConversion.finishReason("max_tokens")).isEqualTo("length");
        assertThat(BedrockConversion.finishReason("content_filtered")).isEqualTo("content_filter");
        assertThat(BedrockConversion.finishReason("guardrail_intervened")).isEqualTo("content_filter");
        assertThat(BedrockConversion.finishReason(null)).isNull();
    }
}
