package dev.tollgate.adapter.in.web.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenBlocksWithAndWithoutText_whenJoining_thenTextsOnSeparateLines() throws Exception {
        assertThat(ProtocolJson.joinedText(
                        JSON.readTree("[{\"text\":\"a\"},{\"image\":{}},{\"text\":7},{\"text\":\"b\"}]")))
                .isEqualTo("a\nb");
        assertThat(ProtocolJson.joinedText(JSON.readTree("[]"))).isEmpty();
    }

    @Test
    void givenArgumentsThatAreNoObject_whenReading_thenAnEmptyObject() throws Exception {
        assertThat(ProtocolJson.argumentsObject(JSON, "{\"x\":1}")).isEqualTo(JSON.readTree("{\"x\":1}"));
        assertThat(ProtocolJson.argumentsObject(JSON, null)).isEqualTo(JSON.createObjectNode());
        assertThat(ProtocolJson.argumentsObject(JSON, " ")).isEqualTo(JSON.createObjectNode());
        assertThat(ProtocolJson.argumentsObject(JSON, "[1]")).isEqualTo(JSON.createObjectNode());
        assertThat(ProtocolJson.argumentsObject(JSON, "{not json")).isEqualTo(JSON.createObjectNode());
    }

    @Test
    void givenPresentAbsentAndNullFields_whenCopying_thenOnlyThePresentOnesUnderTheirNewNames() throws Exception {
        // given
        ObjectNode to = JSON.createObjectNode();

        // when
        ProtocolJson.copyPresent(JSON.readTree("{\"topP\":0.5,\"seed\":null}"), "topP", to, "top_p");
        ProtocolJson.copyPresent(JSON.readTree("{\"topP\":0.5,\"seed\":null}"), "seed", to, "seed");
        ProtocolJson.copyPresent(JSON.readTree("{}"), "stop", to, "stop");

        // then
        assertThat(to).isEqualTo(JSON.readTree("{\"top_p\":0.5}"));
    }

    @Test
    void givenTextAndToolCalls_whenWritingAnAssistantMessage_thenContentAndToolCallsInOpenAiShape() throws Exception {
        // given
        ObjectNode withCalls = JSON.createObjectNode();
        ArrayNode calls = JSON.createArrayNode();
        ProtocolJson.addToolCall(calls, "c1", "f", JSON.readTree("{\"x\":1}"));
        ProtocolJson.addToolCall(calls, "c2", "g", null);
        ObjectNode textOnly = JSON.createObjectNode();

        // when
        ProtocolJson.assistantContent(withCalls, new StringBuilder(), calls);
        ProtocolJson.assistantContent(textOnly, "hello", JSON.createArrayNode());

        // then
        assertThat(withCalls)
                .isEqualTo(
                        JSON.readTree(
                                "{\"content\":null,\"tool_calls\":["
                                        + "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}},"
                                        + "{\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}"));
        assertThat(textOnly).isEqualTo(JSON.readTree("{\"content\":\"hello\"}"));
    }

    @Test
    void givenADescriptionThatIsNoString_whenAddingAFunctionTool_thenItIsLeftOut() throws Exception {
        // given
        ArrayNode tools = JSON.createArrayNode();

        // when
        ProtocolJson.addFunctionTool(tools, "f", JSON.readTree("\"does f\""));
        ProtocolJson.addFunctionTool(tools, "g", JSON.readTree("3"));
        ProtocolJson.addFunctionTool(tools, "h", null);

        // then
        assertThat(tools)
                .isEqualTo(JSON.readTree(
                        "[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"does f\"}},"
                                + "{\"type\":\"function\",\"function\":{\"name\":\"g\"}},"
                                + "{\"type\":\"function\",\"function\":{\"name\":\"h\"}}]"));
    }
}
