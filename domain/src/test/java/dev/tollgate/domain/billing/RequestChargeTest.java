package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestChargeTest {
    private static final Instant AT = Instant.parse("2026-12-07T03:00:00Z");

    /** What the relay measured: 1,000 prompt tokens, 200 output tokens, in one attempt. */
    private record Used(
            String model,
            String upstreamModel,
            String channelId,
            int upstreamStatus,
            String outcome,
            boolean stream,
            long promptTokens,
            long cachedPromptTokens,
            long completionTokens,
            long reasoningTokens,
            long images,
            long audioSeconds,
            int attempts,
            long latencyMillis)
            implements RequestCharge.Usage {
        static Used ok() {
            return new Used("gpt-4o", "gpt-4o-2024", "ch-1", 200, "succeeded", true, 1_000, 100, 200, 0, 0, 0, 1, 42);
        }
    }

    private static RequestCharge charge(long held, boolean limited) {
        return new RequestCharge("req-1", "key-1", "user-1", "org-1", "gpt-4o", held, limited);
    }

    @Test
    void givenALimitedHold_whenHeld_thenOneReservationEventOfTheHold() {
        // given
        RequestCharge charge = charge(500, true);

        // when
        QuotaReservedEvent event = charge.hold("node-a", AT).orElseThrow();

        // then
        assertThat(event)
                .isEqualTo(new QuotaReservedEvent("req-1", "key-1", "user-1", "gpt-4o", 500, "node-a", AT, "org-1"));
    }

    @Test
    void givenNothingHeld_whenHeld_thenNoEvent() {
        assertThat(charge(0, false).hold("node-a", AT)).isEmpty();
    }

    @Test
    void givenALimitedHold_whenTheCostIsWithinIt_thenTheSettlementChargesTheCostAndReleasesTheRest() {
        // given
        RequestCharge charge = charge(500, true);

        // when
        RequestSettledEvent settled = charge.settle(320, Used.ok(), AT);

        // then
        assertThat(settled.cost()).isEqualTo(320);
        assertThat(settled.reserved()).isEqualTo(500);
        assertThat(settled.requestId()).isEqualTo("req-1");
        assertThat(settled.organizationId()).isEqualTo("org-1");
        assertThat(settled.upstreamModel()).isEqualTo("gpt-4o-2024");
        assertThat(settled.promptTokens()).isEqualTo(1_000);
        assertThat(settled.cachedPromptTokens()).isEqualTo(100);
        assertThat(settled.completionTokens()).isEqualTo(200);
        assertThat(settled.outcome()).isEqualTo("succeeded");
        assertThat(settled.at()).isEqualTo(AT);
    }

    @Test
    void givenALimitedHold_whenTheProviderReportsMoreThanTheHold_thenOnlyTheHoldIsCharged() {
        assertThat(charge(500, true).settle(900, Used.ok(), AT).cost()).isEqualTo(500);
    }

    @Test
    void givenAnUnlimitedRequest_whenSettled_thenTheWholeCostIsCharged() {
        assertThat(charge(0, false).settle(900, Used.ok(), AT).cost()).isEqualTo(900);
    }

    @Test
    void givenAHold_whenNothingWasDelivered_thenNothingIsChargedAndTheHoldIsReleased() {
        // given
        RequestCharge charge = charge(500, true);
        QuotaAccount account =
                QuotaAccount.EMPTY.apply(charge.hold("node-a", AT).orElseThrow());

        // when
        RequestSettledEvent settled = charge.settle(0, Used.ok(), AT);

        // then
        assertThat(settled.cost()).isZero();
        assertThat(account.apply(settled)).isEqualTo(QuotaAccount.EMPTY);
    }

    @Test
    void givenTheEventsOfARequest_whenAnAccountIsRebuiltFromThem_thenItEqualsTheDirectHoldAndSettle() {
        // given
        RequestCharge charge = charge(500, true);
        QuotaAccount start = new QuotaAccount(1_000, 50);

        // when
        QuotaAccount rebuilt =
                start.apply(charge.hold("node-a", AT).orElseThrow()).apply(charge.settle(320, Used.ok(), AT));

        // then
        assertThat(rebuilt).isEqualTo(start.hold(500).settle(500, 320));
        assertThat(rebuilt).isEqualTo(new QuotaAccount(1_320, 50));
    }

    @Test
    void givenANegativeHoldOrCost_whenCharged_thenRefused() {
        assertThatThrownBy(() -> charge(-1, true)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> charge(10, true).settle(-5, Used.ok(), AT)).isInstanceOf(InvalidValueException.class);
    }
}
