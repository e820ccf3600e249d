package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.billing.command.RemoveModelPriceCommand;
import dev.tollgate.domain.billing.command.SetModelPriceCommand;
import dev.tollgate.domain.billing.event.ModelPriceRemovedEvent;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A model's price: created by the first price set, a change only when the price differs. */
class ModelPriceTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private AggregateTestFixture<ModelPrice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ModelPrice.class);
    }

    @Test
    void givenNoPrice_whenSet_thenPriceSetWithoutACachedInputPriceOfItsOwn() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new SetModelPriceCommand("gpt-4o-mini", new Price(75_000, 300_000), "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectEvents(new ModelPriceSetEvent("gpt-4o-mini", 75_000, 300_000, "user:root", AT));
    }

    @Test
    void givenAPrice_whenSetWithACachedInputPrice_thenTheEventRecordsIt() {
        // given
        fixture.given(new ModelPriceSetEvent("gpt-4o-mini", 75_000, 300_000, "user:root", AT))
                // when
                .when(new SetModelPriceCommand(
                        "gpt-4o-mini", new Price(75_000, 300_000, 0, 0, 0, 37_500), "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new ModelPriceSetEvent(
                        "gpt-4o-mini", 75_000, 300_000, 0, 0, 0, "user:root", AT, 37_500L, null, null, null));
    }

    @Test
    void givenAPrice_whenSetWithCacheWriteAndAudioPrices_thenTheRevisionFourEventRecordsThem() {
        // given
        fixture.given(new ModelPriceSetEvent("claude-x", 3_000_000, 15_000_000, "user:root", AT))
                // when
                .when(new SetModelPriceCommand(
                        "claude-x",
                        new Price(3_000_000, 15_000_000, 0, 0, 0, 300_000, 3_750_000, 0, 0),
                        "user:root",
                        AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new ModelPriceSetEvent(
                        "claude-x", 3_000_000, 15_000_000, 0, 0, 0, "user:root", AT, 300_000L, 3_750_000L, null, null));
    }

    @Test
    void
            givenARevisionFourEventWithoutTheNewFields_whenItsPriceIsRead_thenCacheWritesCostTheInputPriceAndAudioNothing() {
        // given
        ModelPriceSetEvent old =
                new ModelPriceSetEvent("m", 1_000, 2_000, 0, 0, 0, "user:root", AT, 100L, null, null, null);

        // when
        Price price = old.price();

        // then
        assertThat(price.cacheWritePerMillion()).isEqualTo(1_000);
        assertThat(price.pricesAudio()).isFalse();
        assertThat(new ModelPriceSetEvent("m", 1_000, 2_000, 0, 0, 0, "user:root", AT, null, null, 4_000L, 8_000L)
                        .price()
                        .audioPrice())
                .isEqualTo(new Price(4_000, 8_000));
    }

    @Test
    void givenAPrice_whenSetToTheSamePrice_thenNoEvent() {
        // given
        fixture.given(new ModelPriceSetEvent("gpt-4o-mini", 75_000, 300_000, "user:root", AT))
                // when
                .when(new SetModelPriceCommand("gpt-4o-mini", new Price(75_000, 300_000), "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectNoEvents();
    }

    @Test
    void givenAPrice_whenRemoved_thenRemovedOnceAndAnotherRemoveChangesNothing() {
        // given
        fixture.given(new ModelPriceSetEvent("gpt-realtime:audio", 16_000_000, 32_000_000, "user:root", AT))
                // when
                .when(new RemoveModelPriceCommand("gpt-realtime:audio", "system:price-migration", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new ModelPriceRemovedEvent("gpt-realtime:audio", "system:price-migration", AT));
        fixture.given(
                        new ModelPriceSetEvent("gpt-realtime:audio", 16_000_000, 32_000_000, "user:root", AT),
                        new ModelPriceRemovedEvent("gpt-realtime:audio", "system:price-migration", AT))
                .when(new RemoveModelPriceCommand("gpt-realtime:audio", "system:price-migration", AT))
                .expectResultMessagePayload(1L)
                .expectNoEvents();
    }

    @Test
    void givenARemovedPrice_whenSetAgain_thenItIsSet() {
        // given
        fixture.given(
                        new ModelPriceSetEvent("m", 1_000, 2_000, "user:root", AT),
                        new ModelPriceRemovedEvent("m", "user:root", AT))
                // when
                .when(new SetModelPriceCommand("m", new Price(1_000, 2_000), "user:root", AT))
                // then
                .expectResultMessagePayload(2L)
                .expectEvents(new ModelPriceSetEvent("m", 1_000, 2_000, "user:root", AT));
    }
}
