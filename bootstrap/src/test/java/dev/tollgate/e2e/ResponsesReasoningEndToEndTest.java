package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The reasoning of Claude (thinking blocks) and Gemini (thought parts) shown to a Responses client as OpenAI's
 * {@code reasoning} output items: with the reasoning as summary text when {@code reasoning.summary} was asked for,
 * in the response object and as {@code response.reasoning_summary_text.*} events, and the reasoning tokens in the
 * usage.
 */
class ResponsesReasoningEndToEndTest extends ResponsesTestBase {
    private static final String THINKING = "The user greets me; I greet back.";
    /** The bodies the fake providers received, newest last. */
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @Override
    void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        received.add(body);
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v1/messages") && body.path("stream").asBoolean(false)) {
            sse(exchange, CLAUDE_EVENTS);
        } else if (path.equals("/v1/messages")) {
            json(exchange, CLAUDE_MESSAGE);
        } else if (path.endsWith(":streamGenerateContent")) {
            sse(exchange, GEMINI_EVENTS);
        } else if (path.endsWith(":generateContent")) {
            json(exchange, GEMINI_RESPONSE);
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    static final String CLAUDE_MESSAGE = """
            {"id":"msg_think","type":"message","role":"assistant","model":"claude-fake",
             "content":[{"type":"thinking","thinking":"The user greets me; I greet back.","signature":"sig"},
                        {"type":"text","text":"Hello from fake"}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":30}}""";

    static final List<String> CLAUDE_EVENTS = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_think\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"model\":\"claude-fake\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"The user greets me;\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\" I greet back.\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello from fake\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    static final String GEMINI_RESPONSE = """
            {"candidates":[{"content":{"role":"model","parts":[
               {"text":"The user greets me; I greet back.","thought":true},{"text":"Hello from fake"}]},
             "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":8,"thoughtsTokenCount":22,
               "totalTokenCount":42},
             "modelVersion":"gemini-fake"}""";

    static final List<String> GEMINI_EVENTS = List.of(
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"The user greets me;"
                    + " I greet back.\",\"thought\":true}]},\"index\":0}]}\n\n",
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello from fake\"}]},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
                    + "\"candidatesTokenCount\":8,\"thoughtsTokenCount\":22,\"totalTokenCount\":42}}\n\n");

    private static ResponseCreateParams.Builder params(String model) {
        return ResponseCreateParams.builder().model(model).input("Say hello");
    }

    private static ResponseCreateParams.Builder withSummary(String model) {
        return params(model)
                .reasoning(Reasoning.builder().summary(Reasoning.Summary.AUTO).build());
    }

    @Test
    void givenAClaudeChannelThatThinks_whenASummaryIsAsked_thenTheThinkingIsAReasoningItemBeforeTheMessage() {
        // given
        String model = uniqueModel("responses-claude-thinking");
        channel("anthropic", model);
        JsonNode token = token("responses-claude-thinking");

        // when: a summary and a medium effort are asked for
        Response response = client(token)
                .responses()
                .create(params(model)
                        .reasoning(Reasoning.builder()
                                .summary(Reasoning.Summary.AUTO)
                                .effort(ReasoningEffort.MEDIUM)
                                .build())
                        .maxOutputTokens(6000)
                        .build());

        // then: Claude was asked to think within the output limit (half of it: the answer keeps the rest)
        assertThat(received.getLast().path("thinking").toString())
                .isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":3000}");
        assertThat(received.getLast().path("max_tokens").asLong()).isEqualTo(6000);
        ResponseReasoningItem reasoning = response.output().getFirst().asReasoning();
        assertThat(reasoning.summary()).hasSize(1);
        assertThat(reasoning.summary().getFirst().text()).isEqualTo(THINKING);
        assertThat(response.output()
                        .get(1)
                        .asMessage()
                        .content()
                        .getFirst()
                        .asOutputText()
                        .text())
                .isEqualTo("Hello from fake");
        long reasoningTokens =
                response.usage().orElseThrow().outputTokensDetails().reasoningTokens();
        assertThat(reasoningTokens).isPositive().isLessThan(30);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(30);
        // 12 input × 1 + 30 output (thinking included) × 2 = 72 units
        assertThat(used(token)).isEqualTo(72);
    }

    @Test
    void givenAClaudeChannelThatThinks_whenNoSummaryIsAsked_thenTheReasoningItemHasNoSummaryText() {
        // given
        String model = uniqueModel("responses-claude-no-summary");
        channel("anthropic", model);
        JsonNode token = token("responses-claude-no-summary");

        // when
        Response response = client(token).responses().create(params(model).build());

        // then
        assertThat(response.output().getFirst().asReasoning().summary()).isEmpty();
        assertThat(response.output().get(1).isMessage()).isTrue();
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens())
                .isPositive();
    }

    @Test
    void givenAClaudeChannelThatThinks_whenStreamedWithASummary_thenTheReasoningSummaryEventsComeFirst() {
        // given
        String model = uniqueModel("responses-claude-thinking-stream");
        channel("anthropic", model);
        JsonNode token = token("responses-claude-thinking-stream");
        List<ResponseStreamEvent> events = new ArrayList<>();

        // when
        try (StreamResponse<ResponseStreamEvent> stream =
                client(token).responses().createStreaming(withSummary(model).build())) {
            stream.stream().forEach(events::add);
        }

        // then
        StringBuilder summary = new StringBuilder();
        events.forEach(e -> e.reasoningSummaryTextDelta().ifPresent(d -> summary.append(d.delta())));
        assertThat(summary.toString()).isEqualTo(THINKING);
        assertThat(events.stream()
                        .filter(e -> e.isReasoningSummaryTextDone())
                        .findFirst()
                        .orElseThrow()
                        .asReasoningSummaryTextDone()
                        .text())
                .isEqualTo(THINKING);
        int firstSummary = indexOf(events, ResponseStreamEvent::isReasoningSummaryTextDelta);
        int firstText = indexOf(events, ResponseStreamEvent::isOutputTextDelta);
        assertThat(firstSummary).isLessThan(firstText);
        Response completed = events.getLast().asCompleted().response();
        assertThat(completed
                        .output()
                        .getFirst()
                        .asReasoning()
                        .summary()
                        .getFirst()
                        .text())
                .isEqualTo(THINKING);
        assertThat(completed.output().get(1).asMessage().id())
                .isNotEqualTo(completed.output().getFirst().asReasoning().id());
        assertThat(completed.usage().orElseThrow().outputTokensDetails().reasoningTokens())
                .isPositive();
        assertThat(used(token)).isEqualTo(72);
    }

    @Test
    void
            givenAGeminiChannelThatThinks_whenASummaryIsAsked_thenItsThoughtsAreAReasoningItemAndItsThoughtTokensCounted() {
        // given
        String model = uniqueModel("responses-gemini-thoughts");
        channel("gemini", model);
        JsonNode token = token("responses-gemini-thoughts");

        // when
        Response response = client(token).responses().create(withSummary(model).build());
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream =
                client(token).responses().createStreaming(withSummary(model).build())) {
            stream.stream().forEach(events::add);
        }

        // then: Gemini reports its thought tokens (a part of the 30 output tokens)
        assertThat(response.output()
                        .getFirst()
                        .asReasoning()
                        .summary()
                        .getFirst()
                        .text())
                .isEqualTo(THINKING);
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens())
                .isEqualTo(22);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(30);
        StringBuilder summary = new StringBuilder();
        events.forEach(e -> e.reasoningSummaryTextDelta().ifPresent(d -> summary.append(d.delta())));
        assertThat(summary.toString()).isEqualTo(THINKING);
        assertThat(events.getLast()
                        .asCompleted()
                        .response()
                        .usage()
                        .orElseThrow()
                        .outputTokensDetails()
                        .reasoningTokens())
                .isEqualTo(22);
        // twice 12 × 1 + 30 × 2
        assertThat(used(token)).isEqualTo(144);
    }

    private static int indexOf(List<ResponseStreamEvent> events, Predicate<ResponseStreamEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
