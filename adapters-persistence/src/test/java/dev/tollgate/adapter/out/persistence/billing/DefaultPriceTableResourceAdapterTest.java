package dev.tollgate.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.billing.port.out.DefaultPriceTablePort.DefaultPriceTable;
import dev.tollgate.application.billing.port.out.DefaultPriceTablePort.ModelPriceEntry;
import dev.tollgate.domain.billing.Price;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultPriceTableResourceAdapterTest {

    @Test
    void givenTheShippedTable_whenLoaded_thenEveryRowsUnitsAreItsDollarsTimes500000AndItStatesItsDate() {
        // when: load() refuses any row whose units differ from its dollars × 500,000
        DefaultPriceTable table = new DefaultPriceTableResourceAdapter().load();

        // then
        Map<String, Price> prices =
                table.prices().stream().collect(Collectors.toMap(ModelPriceEntry::model, ModelPriceEntry::price));
        assertThat(table.pricesAsOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(table.sources()).anySatisfy(s -> assertThat(s).startsWith("openai: https://"));
        assertThat(prices)
                .containsKeys(
                        "gpt-4o",
                        "gpt-4o-mini",
                        "gpt-4.1",
                        "gpt-4.1-mini",
                        "o3",
                        "o4-mini",
                        "text-embedding-3-small",
                        "claude-sonnet-4-20250514",
                        "gemini-2.5-pro",
                        "deepseek-chat",
                        "qwen-plus");
        // $2.50 / $1.25 cached / $10 per 1M tokens
        assertThat(prices.get("gpt-4o")).isEqualTo(new Price(1_250_000, 5_000_000, 0, 0, 0, 625_000));
        // $0.02 per 1M input tokens, no output
        assertThat(prices.get("text-embedding-3-small")).isEqualTo(new Price(10_000, 0));
        // no cached price listed: cached input costs the input price
        assertThat(prices.get("gemini-2.5-pro")).isEqualTo(new Price(625_000, 5_000_000));
        assertThat(prices.values())
                .allSatisfy(p -> assertThat(p.cachedInputPerMillion()).isLessThanOrEqualTo(p.inputPerMillion()));
    }

    @Test
    void givenARowWhoseUnitsDoNotMatchItsDollars_whenLoaded_thenTheTableIsRefusedNamingTheRow() {
        assertThatThrownBy(() -> new DefaultPriceTableResourceAdapter("prices/wrong-units.json").load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gpt-4o-mini output is 0.6 USD = 300000 units, not 3000000");
    }

    @Test
    void givenARepeatedModel_whenLoaded_thenTheTableIsRefused() {
        assertThatThrownBy(() -> new DefaultPriceTableResourceAdapter("prices/repeated-model.json").load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'o3'");
    }
}
