package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import org.junit.jupiter.api.Test;

/** Cache-write and audio prices: the cost rule, the group multiplier and the defaults for Claude models. */
class PriceCacheWriteAndAudioTest {
    /** 3 units per input token, 15 per output token, cache reads 0.3, cache writes 3.75 (Claude Sonnet's ratios). */
    private static final Price SONNET = new Price(3_000_000, 15_000_000, 0, 0, 0, 300_000, 3_750_000, 0, 0);

    @Test
    void givenCacheReadsAndWrites_whenCosted_thenEachIsPricedAtItsOwnPriceAndRoundedUpOnce() {
        // given: 1,000 prompt tokens of which 600 read from and 300 written to the cache; 10 output tokens

        // when
        long cost = SONNET.cost(1_000, 600, 300, 10, 0, 0);

        // then: 100 × 3 + 600 × 0.3 + 300 × 3.75 + 10 × 15 = 300 + 180 + 1,125 + 150 = 1,755
        assertThat(cost).isEqualTo(1_755);
        assertThat(SONNET.cost(1, 0, 1, 0, 0, 0)).isEqualTo(4); // 3.75 rounded up
    }

    @Test
    void givenNoCacheWrites_whenCosted_thenTheCostIsTheCachedReadRule() {
        assertThat(SONNET.cost(1_000, 600, 0, 10, 0, 0)).isEqualTo(SONNET.cost(1_000, 600, 10, 0, 0));
    }

    @Test
    void givenMoreCacheTokensThanPrompt_whenCosted_thenRefused() {
        assertThatThrownBy(() -> SONNET.cost(100, 60, 41, 0, 0, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> SONNET.cost(100, 0, -1, 0, 0, 0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenHugeCounts_whenCosted_thenOverflowIsAnArithmeticException() {
        assertThatThrownBy(() -> SONNET.cost(Long.MAX_VALUE, 0, Long.MAX_VALUE / 2, 0, 0, 0))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void givenAGroupMultiplier_whenApplied_thenCacheWriteAndAudioPricesAreScaledToo() {
        // given
        Price price = new Price(1_000, 2_000, 0, 0, 0, 100, 1_250, 4_000, 8_001);

        // when
        Price vip = price.withMultiplier(1_500);

        // then
        assertThat(vip).isEqualTo(new Price(1_500, 3_000, 0, 0, 0, 150, 1_875, 6_000, 12_002));
    }

    @Test
    void givenNegativeCacheWriteOrAudioPrices_whenCreated_thenRefused() {
        assertThatThrownBy(() -> new Price(1, 1, 0, 0, 0, 1, -1, 0, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Price(1, 1, 0, 0, 0, 1, 1, -1, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Price(1, 1, 0, 0, 0, 1, 1, 0, -1)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenAudioPrices_whenTheAudioPriceIsAsked_thenItIsATokenPriceOfAudioInputAndOutput() {
        Price price = new Price(1_000, 2_000, 0, 0, 0, 1_000, 1_000, 4_000, 8_000);
        assertThat(price.pricesAudio()).isTrue();
        assertThat(price.audioPrice()).isEqualTo(new Price(4_000, 8_000));
        assertThat(new Price(1_000, 2_000).pricesAudio()).isFalse();
    }

    @Test
    void givenAClaudeModel_whenDefaultsAreAsked_thenAnthropicsRatiosApplyRoundedUp() {
        assertThat(CachePriceDefaults.cacheRead("claude-sonnet-4-5", 3_000_000)).isEqualTo(300_000);
        assertThat(CachePriceDefaults.cacheWrite("anthropic.Claude-3-haiku", 3_000_000))
                .isEqualTo(3_750_000);
        assertThat(CachePriceDefaults.cacheRead("claude-x", 1)).isEqualTo(1);
        assertThat(CachePriceDefaults.cacheWrite("claude-x", 1)).isEqualTo(2);
    }

    @Test
    void givenAnotherModel_whenDefaultsAreAsked_thenBothAreTheInputPrice() {
        assertThat(CachePriceDefaults.cacheRead("gpt-4o", 2_500_000)).isEqualTo(2_500_000);
        assertThat(CachePriceDefaults.cacheWrite("gpt-4o", 2_500_000)).isEqualTo(2_500_000);
    }
}
