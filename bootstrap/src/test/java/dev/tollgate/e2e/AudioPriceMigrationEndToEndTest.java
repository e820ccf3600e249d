package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.application.billing.service.AudioPriceMigration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The old form of a realtime model's audio price (an entry {@code <model>:audio}) moved once into the model's own
 * {@code audioInput} / {@code audioOutput}, through the price events, by the migration each start runs.
 */
class AudioPriceMigrationEndToEndTest extends EndToEndTestBase {
    @Autowired
    AudioPriceMigration migration;

    @Test
    void givenAnOldAudioEntry_whenMigrated_thenItsPricesAreTheModelsAudioFieldsAndTheOldEntryIsGone() {
        // given: the model's own price, and its audio tokens priced the old way
        String model = uniqueModel("gpt-realtime-old");
        admin.put("/api/v1/prices/" + model, Map.of("input", 2_000_000, "output", 8_000_000, "cachedInput", 200_000));
        admin.put("/api/v1/prices/" + model + ":audio", Map.of("input", 16_000_000, "output", 32_000_000));

        // when
        AudioPriceMigration.Result result = migration.migrate();

        // then
        assertThat(result.migrated()).contains(model);
        JsonNode price = admin.get("/api/v1/prices/" + model).json();
        assertThat(price.get("input").asLong()).isEqualTo(2_000_000);
        assertThat(price.get("output").asLong()).isEqualTo(8_000_000);
        assertThat(price.get("cachedInput").asLong()).isEqualTo(200_000);
        assertThat(price.get("audioInput").asLong()).isEqualTo(16_000_000);
        assertThat(price.get("audioOutput").asLong()).isEqualTo(32_000_000);
        assertThat(admin.get("/api/v1/prices/" + model + ":audio").status()).isEqualTo(404);
        // the admin list (JPA read side) drops the removed entry too and keeps the model's own
        JsonNode listed = admin.get("/api/v1/prices?q=" + model).json().get("items");
        assertThat(listed).extracting(item -> item.get("model").asText()).containsExactly(model);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/api/v1/audit-log?action=price.removed&size=100")
                        .raw()
                        .body()
                        .contains(model + ":audio"));
    }

    @Test
    void givenAMigratedEntry_whenTheMigrationRunsAgain_thenNothingChanges() {
        // given
        String model = uniqueModel("gpt-realtime-twice");
        admin.put("/api/v1/prices/" + model, Map.of("input", 1_000_000, "output", 4_000_000));
        admin.put("/api/v1/prices/" + model + ":audio", Map.of("input", 10_000_000, "output", 20_000_000));
        migration.migrate();
        JsonNode first = admin.get("/api/v1/prices/" + model).json();

        // when
        AudioPriceMigration.Result again = migration.migrate();

        // then: no price event was recorded (the time of the model's price did not move)
        assertThat(again.migrated()).doesNotContain(model);
        assertThat(admin.get("/api/v1/prices/" + model).json()).isEqualTo(first);
    }

    @Test
    void givenAnOldAudioEntryWithoutAModelPrice_whenMigrated_thenItIsLeftAsItWas() {
        // given
        String model = uniqueModel("gpt-realtime-orphan");
        admin.put("/api/v1/prices/" + model + ":audio", Map.of("input", 16_000_000, "output", 32_000_000));

        // when
        AudioPriceMigration.Result result = migration.migrate();

        // then
        assertThat(result.left()).contains(model + ":audio");
        assertThat(admin.get("/api/v1/prices/" + model + ":audio")
                        .json()
                        .get("input")
                        .asLong())
                .isEqualTo(16_000_000);
        assertThat(admin.get("/api/v1/prices/" + model).status()).isEqualTo(404);
    }

    @Test
    void givenAnOldAudioEntryWithACachedAudioPriceOfItsOwn_whenMigrated_thenItIsLeftForItHasNoNewForm() {
        // given
        String model = uniqueModel("gpt-realtime-cached");
        admin.put("/api/v1/prices/" + model, Map.of("input", 1_000_000, "output", 4_000_000));
        admin.put(
                "/api/v1/prices/" + model + ":audio",
                Map.of("input", 16_000_000, "cachedInput", 400_000, "output", 32_000_000));

        // when
        AudioPriceMigration.Result result = migration.migrate();

        // then
        assertThat(result.left()).contains(model + ":audio");
        assertThat(admin.get("/api/v1/prices/" + model + ":audio")
                        .json()
                        .get("cachedInput")
                        .asLong())
                .isEqualTo(400_000);
        assertThat(admin.get("/api/v1/prices/" + model).json().get("audioInput").asLong())
                .isZero();
    }
}
