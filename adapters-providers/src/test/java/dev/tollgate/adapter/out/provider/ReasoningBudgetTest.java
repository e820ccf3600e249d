package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicConversion;
import dev.tollgate.adapter.out.provider.bedrock.BedrockConversion;
import dev.tollgate.adapter.out.provider.gemini.GeminiChatRequests;
import org.junit.jupiter.api.Test;

/** {@code reasoning_effort} as Claude's and Gemini's thinking budget, within the output limit Tollgate reserved. */
class ReasoningBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode chat(String extra) throws Exception {
        return JSON.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}");
    }

    @Test
    void givenEachEffort_whenTheLimitIsLarge_thenItsBudgetAndWhenSmall_thenHalfTheLimitOrNone() throws Exception {
        assertThat(ReasoningBudget.of(chat(",\"reasoning_effort\":\"low\""), 100_000, 1024))
                .hasValue(2_048);
        assertThat(ReasoningBudget.of(chat(",\"reasoning_effort\":\"high\""), 100_000, 1024))
                .hasValue(24_576);
        assertThat(ReasoningBudget.of(chat(",\"reasoning_effort\":\"high\""), 4_096, 1024))
                .hasValue(2_048);
        assertThat(ReasoningBudget.of(chat(",\"reasoning_effort\":\"high\""), 1_500, 1024))
                .isEmpty();
        assertThat(ReasoningBudget.of(chat(",\"reasoning_effort\":\"extreme\""), 100_000, 1024))
                .isEmpty();
        assertThat(ReasoningBudget.of(chat(""), 100_000, 1024)).isEmpty();
        assertThat(ReasoningBudget.of(chat(",\"reasoning_effort\":7"), 100_000, 1024))
                .isEmpty();
    }

    @Test
    void givenAnEffortForClaude_whenConverted_thenThinkingWithinMaxTokensAndNoSamplingSettings() throws Exception {
        JsonNode out = AnthropicConversion.toMessagesRequest(
                JSON,
                chat(",\"reasoning_effort\":\"medium\",\"max_tokens\":10000,\"temperature\":0.2,\"top_k\":5"),
                "claude-up",
                null);

        assertThat(out.get("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":5000}");
        assertThat(out.get("max_tokens").asLong()).isEqualTo(10_000);
        assertThat(out.has("temperature")).isFalse();
        assertThat(out.has("top_k")).isFalse();
    }

    @Test
    void givenClaudesOwnThinkingObject_whenConverted_thenItWinsOverTheEffortAndSamplingStays() throws Exception {
        JsonNode out = AnthropicConversion.toMessagesRequest(
                JSON,
                chat(",\"reasoning_effort\":\"high\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1500},"
                        + "\"temperature\":1"),
                "claude-up",
                null);

        assertThat(out.get("thinking").get("budget_tokens").asLong()).isEqualTo(1500);
        assertThat(out.get("temperature").asDouble()).isEqualTo(1.0);
    }

    @Test
    void givenAnEffortForClaudeOnBedrock_whenConverted_thenThinkingInTheAdditionalFields() throws Exception {
        JsonNode out = BedrockConversion.toConverseRequest(
                JSON, chat(",\"reasoning_effort\":\"low\",\"temperature\":0.5,\"top_k\":3"), null);

        assertThat(out.get("additionalModelRequestFields").toString())
                .isEqualTo("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");
        assertThat(out.get("inferenceConfig").get("maxTokens").asLong()).isEqualTo(4096);
        assertThat(out.get("inferenceConfig").has("temperature")).isFalse();
    }

    @Test
    void givenAnEffortForGemini_whenConverted_thenAThinkingBudgetWithTheThoughts() throws Exception {
        JsonNode out = GeminiChatRequests.chatRequest(
                chat(",\"reasoning_effort\":\"high\",\"max_completion_tokens\":30000"), null, url -> {
                    throw new IllegalArgumentException("no images here");
                });
        JsonNode unlimited = GeminiChatRequests.chatRequest(chat(",\"reasoning_effort\":\"high\""), null, url -> {
            throw new IllegalArgumentException("no images here");
        });
        JsonNode none = GeminiChatRequests.chatRequest(chat(""), null, url -> {
            throw new IllegalArgumentException("no images here");
        });

        assertThat(out.get("generationConfig").get("thinkingConfig").toString())
                .isEqualTo("{\"thinkingBudget\":15000,\"includeThoughts\":true}");
        assertThat(unlimited
                        .get("generationConfig")
                        .get("thinkingConfig")
                        .get("thinkingBudget")
                        .asLong())
                .isEqualTo(2048);
        assertThat(none.path("generationConfig").has("thinkingConfig")).isFalse();
    }
}
