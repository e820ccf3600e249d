package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import org.junit.jupiter.api.Test;

class QuotaAccountTest {
    @Test
    void givenALimit_whenHoldingAndSettling_thenWhatIsFreeFollows() {
        // given
        QuotaAccount account = QuotaAccount.EMPTY.charge(30);

        // when
        QuotaAccount holding = account.hold(50);
        QuotaAccount settled = holding.settle(50, 20);

        // then
        assertThat(account.free(100L)).isEqualTo(70);
        assertThat(holding.free(100L)).isEqualTo(20);
        assertThat(settled).isEqualTo(new QuotaAccount(50, 0));
        assertThat(settled.free(100L)).isEqualTo(50);
    }

    @Test
    void givenNoLimit_whenAskedWhatIsFree_thenEverything() {
        assertThat(new QuotaAccount(1_000, 500).free(null)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void givenALimitLoweredBelowTheSpending_whenAskedWhatIsFree_thenNothingAndLeftIsNegative() {
        // given
        QuotaAccount account = new QuotaAccount(80, 10);

        // then
        assertThat(account.free(50L)).isZero();
        assertThat(account.left(50)).isEqualTo(-40);
    }

    @Test
    void givenALimitedRequest_whenItCostMoreThanItHeld_thenItIsChargedTheHoldOnly() {
        assertThat(QuotaAccount.charged(70, 40, true)).isEqualTo(40);
        assertThat(QuotaAccount.charged(30, 40, true)).isEqualTo(30);
        assertThat(QuotaAccount.charged(70, 0, false)).isEqualTo(70);
    }

    @Test
    void givenAnyAccount_whenAnAmountIsNegativeOrAHoldWouldGoBelowZero_thenItIsRefused() {
        // given
        QuotaAccount account = new QuotaAccount(10, 5);

        // then
        assertThatThrownBy(() -> account.hold(-1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> account.charge(-1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> account.release(6)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> QuotaAccount.charged(-1, 5, true)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenSumsNearTheLargestNumber_whenTheyWouldOverflow_thenItIsAnErrorNotAWrap() {
        // given
        QuotaAccount account = new QuotaAccount(Long.MAX_VALUE - 1, 0);

        // then
        assertThatThrownBy(() -> account.charge(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new QuotaAccount(0, Long.MAX_VALUE).hold(1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void givenABudgetMonth_whenANewOneStarts_thenNothingIsSpentAndHoldsStay() {
        assertThat(new QuotaAccount(90, 7).newPeriod()).isEqualTo(new QuotaAccount(0, 7));
    }
}
