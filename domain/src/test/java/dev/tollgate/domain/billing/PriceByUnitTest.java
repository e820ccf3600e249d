package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import org.junit.jupiter.api.Test;

/** Prices per image, per audio second and per request, added to the token cost. */
class PriceByUnitTest {

    @Test
    void givenAllParts_whenCosting_thenTokensAreRoundedOnceAndUnitsAreAddedExactly() {
        // given: 0.04 USD per image = 20,000 units; 100 units per second; 7 per request
        Price price = new Price(75_000, 300_000, 20_000, 100, 7);

        // when / then: tokens 10 × 75,000 + 5 × 300,000 = 2.25 → 3; + 2 images + 30 s + 7
        assertThat(price.cost(10, 5, 2, 30)).isEqualTo(3 + 40_000 + 3_000 + 7);
        assertThat(price.cost(0, 0, 0, 0)).isEqualTo(7);
    }

    @Test
    void givenAPerRequestPrice_whenAskingTheAffordableOutput_thenThePerRequestPartIsSetAsideFirst() {
        Price price = new Price(1_000_000, 1_000_000, 0, 0, 10);

        assertThat(price.affordableCompletionTokens(5, 20)).isEqualTo(5);
        assertThat(price.cost(5, 5)).isEqualTo(20);
        assertThat(price.affordableCompletionTokens(0, 9)).isNegative();
    }

    @Test
    void givenHugeCounts_whenCosting_thenOverflowIsAnErrorAndNegativeCountsAreRefused() {
        Price price = new Price(0, 0, Long.MAX_VALUE / 2, 0, 0);

        assertThatThrownBy(() -> price.cost(0, 0, 3, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> price.cost(0, 0, -1, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Price(0, 0, 0, -1, 0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenACachedInputPrice_whenPartOfThePromptWasCached_thenThoseTokensCostTheCachedPrice() {
        // given: 1 unit per input token, 0.1 per cached input token, 2 per output token
        Price price = new Price(1_000_000, 2_000_000, 0, 0, 0, 100_000);

        // when / then: 2 × 1 + 10 × 0.1 + 8 × 2 = 19
        assertThat(price.cost(12, 10, 8, 0, 0)).isEqualTo(19);
        assertThat(price.cost(12, 0, 8, 0, 0)).isEqualTo(price.cost(12, 8));
        assertThat(new Price(1_000_000, 2_000_000).cachedInputPerMillion()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> price.cost(5, 6, 0, 0, 0)).isInstanceOf(InvalidValueException.class);
    }
}
