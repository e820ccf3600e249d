package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import org.junit.jupiter.api.Test;

class PriceTest {

    @Test
    void givenAPrice_whenCosting_thenFractionsAreSummedExactlyAndRoundedUpOncePerRequest() {
        // given: 0.15 USD / 1M input = 75,000 units; 0.60 USD / 1M output = 300,000 units
        Price gpt4oMini = new Price(75_000, 300_000);

        // when / then: 10 × 75,000 + 5 × 300,000 = 2,250,000 millionths = 2.25 units → 3
        assertThat(gpt4oMini.cost(10, 5)).isEqualTo(3);
        assertThat(gpt4oMini.cost(0, 0)).isZero();
        assertThat(gpt4oMini.cost(1, 0)).isEqualTo(1);
        assertThat(gpt4oMini.cost(1_000_000, 1_000_000)).isEqualTo(375_000);
    }

    @Test
    void givenHugeFigures_whenCosting_thenOverflowIsAnErrorNotAWrapAround() {
        // given
        Price price = new Price(Long.MAX_VALUE / 2, 1);

        // when / then
        assertThatThrownBy(() -> price.cost(3, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void givenABudget_whenAskingTheAffordableOutput_thenTheCostOfThatOutputFitsTheBudget() {
        // given
        Price price = new Price(1_000_000, 2_000_000);

        // when
        long affordable = price.affordableCompletionTokens(10, 31);

        // then: 10 units of prompt + 10 × 2 units = 30 ≤ 31; 11 tokens would cost 32
        assertThat(affordable).isEqualTo(10);
        assertThat(price.cost(10, affordable)).isLessThanOrEqualTo(31);
        assertThat(price.affordableCompletionTokens(40, 31)).isNegative();
        assertThat(new Price(1, 0).affordableCompletionTokens(1, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void givenANegativePrice_whenCreating_thenInvalidValue() {
        assertThatThrownBy(() -> new Price(-1, 0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenAGroupMultiplier_whenAPriceIsMultiplied_thenEveryPartIsScaledAndRoundedUpToAUnit() {
        // given
        Price list = new Price(1_000_000, 2_000_000, 400, 7, 3, 250_000);

        // when
        Price vip = list.withMultiplier(1_500);
        Price cheap = list.withMultiplier(333);

        // then
        assertThat(vip).isEqualTo(new Price(1_500_000, 3_000_000, 600, 11, 5, 375_000));
        assertThat(cheap).isEqualTo(new Price(333_000, 666_000, 134, 3, 1, 83_250));
        assertThat(vip.cost(12, 8)).isEqualTo(42 + 5);
        assertThat(list.withMultiplier(1_000)).isSameAs(list);
        assertThat(list.withMultiplier(0).cost(1_000, 1_000, 1, 1)).isZero();
        assertThatThrownBy(() -> list.withMultiplier(-1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Price(Long.MAX_VALUE / 2, 0).withMultiplier(100_000))
                .isInstanceOf(ArithmeticException.class);
    }
}
