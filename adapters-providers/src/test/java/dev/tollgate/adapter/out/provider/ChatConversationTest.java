package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk both the Anthropic and the Bedrock converters share, with a format that writes blocks as plain tags. */
class ChatConversationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each block as a string naming what the walk asked the format for. */
    private static final ChatConversation.BlockFormat TAGS = new ChatConversation.BlockFormat() {
        @Override
        public JsonNode text(String text, JsonNode cacheControl) {
            return TextNode.valueOf((cacheControl == null ? "text " : "cached text ") + text);
        }

        @Override
        public JsonNode image(JsonNode part) {
            return TextNode.valueOf("image " + ChatParts.imageUrl(part));
        }

        @Override
        public JsonNode toolUse(String id, String name, JsonNode input) {
            return TextNode.valueOf("call " + id + " " + name + " " + input);
        }

        @Override
        public JsonNode toolResult(String toolUseId, String content) {
            return TextNode.valueOf("result " + toolUseId + " " + content);
        }
    };

    private static ChatConversation read(String chat) throws Exception {
        return ChatConversation.read(JSON, JSON.readTree(chat), "test", TAGS);
    }

    @Test
    void givenSystemDeveloperAndEmptyMessages_whenReading_thenSystemTextsApartAndEmptyTurnsLeftOut() throws Exception {
        // given
        String chat = "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"in French\"}]},"
                + "{\"role\":\"system\",\"content\":\"\"},"
                + "{\"role\":\"user\",\"content\":\"\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}";

        // when
        ChatConversation conversation = read(chat);

        // then
        assertThat(conversation.system()).containsExactly("be brief", "in French");
        assertThat(conversation.turns()).hasSize(1);
        assertThat(conversation.turns().getFirst().blocks()).containsExactly(TextNode.valueOf("text hi"));
        assertThat(conversation.toolBlocks()).isFalse();
    }

    @Test
    void givenToolCallsAndResults_whenReading_thenResultsJoinTheNextUserTurnAndToolBlocksAreSeen() throws Exception {
        // given
        String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},"
                + "{\"role\":\"assistant\",\"content\":\"let me look\",\"tool_calls\":[{\"id\":\"c1\","
                + "\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"sunny\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"thanks\",\"cache_control\":{}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.invalid/a.png\"}}]}]}";

        // when
        ChatConversation conversation = read(chat);
        ArrayNode messages = JSON.createArrayNode();
        conversation.writeTurns(messages);

        // then
        assertThat(conversation.toolBlocks()).isTrue();
        assertThat(messages)
                .isEqualTo(JSON.readTree("[{\"role\":\"user\",\"content\":[\"text weather?\"]},"
                        + "{\"role\":\"assistant\",\"content\":[\"text let me look\","
                        + "\"call c1 weather {\\\"city\\\":\\\"Paris\\\"}\"]},"
                        + "{\"role\":\"user\",\"content\":[\"result c1 sunny\",\"cached text thanks\","
                        + "\"image https://example.invalid/a.png\"]}]"));
    }

    @Test
    void givenPartsTheTargetCannotTake_whenReading_thenRefusedNamingTheChannelType() {
        assertThatThrownBy(() -> read("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("content parts of type 'input_audio' are not supported by the test channel type");
        assertThatThrownBy(() -> read("{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"audio\"}]}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assistant content parts of type 'audio' are not supported by the test channel type");
        assertThatThrownBy(() -> read("{\"messages\":[{\"role\":\"critic\",\"content\":\"x\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported message role 'critic'");
        assertThatThrownBy(() -> read("{\"messages\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the request has no messages array");
    }

    @Test
    void givenFunctionAndOtherTools_whenListingFunctionTools_thenOnlyFunctionsWithASchemaEach() throws Exception {
        // given
        JsonNode chat = JSON.readTree("{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\","
                + "\"description\":\"first\",\"parameters\":{\"type\":\"object\",\"required\":[\"x\"]}}},"
                + "{\"type\":\"web_search\"},{\"function\":{\"name\":\"b\",\"description\":7}}]}");

        // when
        List<ChatParts.FunctionTool> tools = ChatParts.functionTools(JSON, chat);

        // then
        assertThat(tools)
                .containsExactly(
                        new ChatParts.FunctionTool(
                                "a", "first", (ObjectNode) JSON.readTree("{\"type\":\"object\",\"required\":[\"x\"]}")),
                        new ChatParts.FunctionTool(
                                "b", null, (ObjectNode) JSON.readTree("{\"type\":\"object\",\"properties\":{}}")));
    }

    @Test
    void givenDataUrls_whenReadingTheBase64Image_thenMediaTypeWithoutParametersAndTheData() {
        assertThat(ChatParts.base64Image("data:image/png;charset=binary;base64,AAAA"))
                .isEqualTo(new ChatParts.Base64Image("image/png", "AAAA"));
        assertThatThrownBy(() -> ChatParts.base64Image("data:image/png,AAAA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an image data URL must be base64-encoded");
    }
}
