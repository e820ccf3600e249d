package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model's cache-write and audio prices through the price API: Claude models get Anthropic's cache ratios when none
 * are given, explicit prices are kept, and a realtime model's {@code <model>:audio} price is read from its own price's
 * audio fields when no such entry exists.
 */
class CacheAndAudioPricesEndToEndTest extends EndToEndTestBase {

    @Test
    void givenAClaudeModel_whenItsPriceIsSetWithoutCachePrices_thenAnthropicsRatiosAreItsCachePrices() {
        // given
        String model = uniqueModel("claude-priced");

        // when
        AdminApi.Reply reply = admin.put("/api/v1/prices/" + model, Map.of("input", 3_000_000, "output", 15_000_000));

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonNode price = admin.get("/api/v1/prices/" + model).json();
        assertThat(price.get("cachedInput").asLong()).isEqualTo(300_000);
        assertThat(price.get("cacheWrite").asLong()).isEqualTo(3_750_000);
        assertThat(price.get("audioInput").asLong()).isZero();
        assertThat(price.get("audioOutput").asLong()).isZero();
    }

    @Test
    void givenAnotherModel_whenItsPriceIsSetWithCacheAndAudioPrices_thenTheyAreKeptAndListed() {
        // given
        String model = uniqueModel("gpt-realtime-priced");

        // when
        AdminApi.Reply reply = admin.put(
                "/api/v1/prices/" + model,
                Map.of(
                        "input", 4_000_000,
                        "output", 16_000_000,
                        "cachedInput", 400_000,
                        "cacheWrite", 5_000_000,
                        "audioInput", 32_000_000,
                        "audioOutput", 64_000_000));

        // then
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode item : admin.get("/api/v1/prices").json().get("items")) {
            if (item.get("model").asText().equals(model)) {
                listed = item;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("cachedInput").asLong()).isEqualTo(400_000);
        assertThat(listed.get("cacheWrite").asLong()).isEqualTo(5_000_000);
        assertThat(listed.get("audioInput").asLong()).isEqualTo(32_000_000);
        assertThat(listed.get("audioOutput").asLong()).isEqualTo(64_000_000);
    }

    @Test
    void givenNewApiCacheAndAudioRatios_whenImportedAndExported_thenThePricesFollowThemAndTheExportGivesThemBack() {
        // given: ratio 2 = 2,000,000 units per 1M input tokens
        String model = uniqueModel("gpt-audio-ratios");
        Map<String, Object> tables = Map.of(
                "ModelRatio", Map.of(model, 2),
                "CompletionRatio", Map.of(model, 4),
                "CacheRatio", Map.of(model, 0.25),
                "CreateCacheRatio", Map.of(model, 1.5),
                "AudioRatio", Map.of(model, 8),
                "AudioCompletionRatio", Map.of(model, 2));

        // when
        AdminApi.Reply imported = admin.post("/api/v1/prices/import/one-api", tables);
        JsonNode exported = admin.get("/api/v1/prices/export/one-api").json();

        // then
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        JsonNode price = admin.get("/api/v1/prices/" + model).json();
        assertThat(price.get("input").asLong()).isEqualTo(2_000_000);
        assertThat(price.get("output").asLong()).isEqualTo(8_000_000);
        assertThat(price.get("cachedInput").asLong()).isEqualTo(500_000);
        assertThat(price.get("cacheWrite").asLong()).isEqualTo(3_000_000);
        assertThat(price.get("audioInput").asLong()).isEqualTo(16_000_000);
        assertThat(price.get("audioOutput").asLong()).isEqualTo(32_000_000);
        assertThat(exported.at("/CacheRatio/" + model).decimalValue()).isEqualByComparingTo("0.25");
        assertThat(exported.at("/CreateCacheRatio/" + model).decimalValue()).isEqualByComparingTo("1.5");
        assertThat(exported.at("/AudioRatio/" + model).decimalValue()).isEqualByComparingTo("8");
        assertThat(exported.at("/AudioCompletionRatio/" + model).decimalValue()).isEqualByComparingTo("2");
    }

    @Test
    void givenANegativeAudioPrice_whenSet_thenRefusedAsProblemJsonAndNothingChanges() {
        // given
        String model = uniqueModel("bad-audio");

        // when
        AdminApi.Reply reply =
                admin.put("/api/v1/prices/" + model, Map.of("input", 1_000_000, "output", 1_000_000, "audioInput", -1));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(admin.get("/api/v1/prices/" + model).status()).isEqualTo(404);
    }
}
