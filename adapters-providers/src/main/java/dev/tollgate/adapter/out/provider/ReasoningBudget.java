package dev.tollgate.adapter.out.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * OpenAI's {@code reasoning_effort} ({@code minimal}, {@code low}, {@code medium}, {@code high}) as the thinking budget
 * of a model that takes one in tokens (Claude's {@code thinking.budget_tokens}, Gemini's
 * {@code thinkingConfig.thinkingBudget}). Both providers count the thinking within the request's output limit, and
 * Tollgate reserves that limit before the call: so the budget is at most half of it (the answer keeps the other half)
 * and the hold stays an upper bound of what the provider bills. No budget when the effort is absent or unknown, or
 * when half the limit is below the provider's minimum.
 */
public final class ReasoningBudget {
    private ReasoningBudget() {}

    /** The tokens each effort asks for before the output limit caps them. */
    static long wanted(String effort) {
        return switch (effort) {
            case "minimal" -> 1_024;
            case "low" -> 2_048;
            case "medium" -> 8_192;
            case "high" -> 24_576;
            default -> 0;
        };
    }

    /**
     * The budget for this chat request's {@code reasoning_effort}, within {@code outputLimit}, or empty.
     *
     * @param minimum the provider's smallest budget (Claude 1,024)
     */
    public static OptionalLong of(JsonNode chat, long outputLimit, long minimum) {
        JsonNode effort = chat.path("reasoning_effort");
        long wanted = effort.isTextual() ? wanted(effort.textValue()) : 0;
        long budget = Math.min(wanted, outputLimit / 2);
        return wanted > 0 && budget >= minimum ? OptionalLong.of(budget) : OptionalLong.empty();
    }
}
