package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.application.billing.service.BillingJournal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input tokens the provider served from its prompt cache are charged at the model's cached-input price. */
class CachedInputPricingEndToEndTest extends EndToEndTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    BillingJournal journal;

    @Test
    void givenACachedInputPrice_whenTheUpstreamReportsCachedTokens_thenTheyAreChargedAtThatPrice() {
        // given: 1 unit per input token, 0.1 per cached one, 2 per output token
        String model = uniqueModel("cached");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        AdminApi.Reply price = admin.put(
                "/api/v1/prices/" + model, Map.of("input", 1_000_000, "output", 2_000_000, "cachedInput", 100_000));
        assertThat(price.json().get("cachedInput").asLong()).isEqualTo(100_000);
        JsonNode token = admin.createToken(Map.of("name", "cached", "quota", 500_000));
        UPSTREAM.usage(12, 8);
        UPSTREAM.cachedTokens(10);
        try {
            // when
            OpenAIOkHttpClient.builder()
                    .apiKey(token.get("key").asText())
                    .baseUrl(relayBase())
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(30))
                    .build()
                    .chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model(model)
                            .addUserMessage("hi")
                            .build());
        } finally {
            UPSTREAM.cachedTokens(0);
        }

        // then: 2 × 1 + 10 × 0.1 + 8 × 2 = 19 units (28 without the cache)
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(19);
        // the usage record is written with the settlement batch (group commit): wait for it
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        JsonNode usage =
                admin.get("/api/v1/usage?tokenId=" + token.get("id").asText()).json();
        assertThat(usage.toString()).contains("\"cachedPromptTokens\":10");
    }
}
