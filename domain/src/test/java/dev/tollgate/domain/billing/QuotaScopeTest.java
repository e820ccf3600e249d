package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.billing.QuotaScope.Part;
import org.junit.jupiter.api.Test;

class QuotaScopeTest {
    private static Part part(long spent, long held, long limit) {
        return new Part(new QuotaAccount(spent, held), limit);
    }

    @Test
    void givenAKeyABudgetAndAWallet_whenAHoldFitsTheTightest_thenItIsSetAsideOnEachOfThem() {
        // given: the key leaves 70, the budget 40, the wallet 90
        QuotaScope scope = new QuotaScope(part(30, 0, 100), part(50, 10, 100), part(0, 10, 100));

        // when
        QuotaScope held = scope.hold(40).orElseThrow();

        // then
        assertThat(scope.free()).isEqualTo(40);
        assertThat(held).isEqualTo(new QuotaScope(part(30, 40, 100), part(50, 50, 100), part(0, 50, 100)));
        assertThat(held.free()).isZero();
    }

    @Test
    void givenTheTightestPartCannotCoverIt_whenHeld_thenNothingIsHeld() {
        // given: the wallet leaves 20
        QuotaScope scope = new QuotaScope(part(0, 0, 1_000), null, part(70, 10, 100));

        // then
        assertThat(scope.hold(21)).isEmpty();
        assertThat(scope.hold(20)).isPresent();
    }

    @Test
    void givenAPartWithNothingLeft_whenHoldingZero_thenEvenThatIsRefused() {
        // given: the key's limit was lowered below its spending
        QuotaScope scope = new QuotaScope(part(80, 0, 50), null, null);

        // then
        assertThat(scope.left()).isEqualTo(-30);
        assertThat(scope.free()).isZero();
        assertThat(scope.hold(0)).isEmpty();
    }

    @Test
    void givenNothingLimitsTheRequest_whenAsked_thenEverythingIsFreeAndAHoldChangesNothing() {
        // given
        QuotaScope scope = new QuotaScope(null, null, null);

        // then
        assertThat(scope.limited()).isFalse();
        assertThat(scope.free()).isEqualTo(Long.MAX_VALUE);
        assertThat(scope.hold(1_000_000).orElseThrow()).isEqualTo(scope);
    }

    @Test
    void givenANegativeHold_whenHeld_thenItIsAnError() {
        assertThatThrownBy(() -> new QuotaScope(null, null, null).hold(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
