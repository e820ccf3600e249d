package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.billing.command.CreditWalletCommand;
import dev.tollgate.domain.billing.command.DebitWalletCommand;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A wallet's top-ups and adjustments; it is created by its first one. */
class WalletTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String WALLET = Wallet.idOf("o1");
    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    @Test
    void givenNoWallet_whenCredited_thenTheWalletIsCreatedByItsFirstCredit() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new CreditWalletCommand(WALLET, 500_000, "top_up", "invoice 42", "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectEvents(new WalletCreditedEvent(WALLET, 500_000, "top_up", "invoice 42", "user:root", AT));
    }

    @Test
    void givenAWallet_whenCreditedAgain_thenCreditedAndTheNewVersionIsReturned() {
        // given
        fixture.given(new WalletCreditedEvent(WALLET, 500_000, "top_up", "invoice 42", "user:root", AT))
                // when
                .when(new CreditWalletCommand(WALLET, 1_000, "incentive", "sign-up bonus", "system", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new WalletCreditedEvent(WALLET, 1_000, "incentive", "sign-up bonus", "system", AT));
    }

    @Test
    void givenAWallet_whenDebited_thenDebitedWithItsDebitId() {
        // given
        fixture.given(new WalletCreditedEvent(WALLET, 500_000, "top_up", "invoice 42", "user:root", AT))
                // when
                .when(new DebitWalletCommand(WALLET, 2_000, "d1", "refund of invoice 42", "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new WalletDebitedEvent(WALLET, 2_000, "d1", "refund of invoice 42", "user:root", AT));
    }

    @Test
    void givenNoWallet_whenDebited_thenTheWalletIsCreatedByTheDebit() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new DebitWalletCommand(WALLET, 2_000, "d1", "correction", "user:root", AT))
                // then
                .expectEvents(new WalletDebitedEvent(WALLET, 2_000, "d1", "correction", "user:root", AT));
    }

    @Test
    void givenANonPositiveAmountOrAnUnknownKind_whenBuildingTheCommand_thenInvalidValue() {
        // when / then
        assertThatThrownBy(() -> new CreditWalletCommand(WALLET, 0, "top_up", "r", "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new CreditWalletCommand(WALLET, 1, "gift", "r", "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> new DebitWalletCommand(WALLET, -1, "d1", "r", "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void givenAnOwner_whenNamingItsWallet_thenTheIdRoundTrips() {
        // when / then
        assertThat(Wallet.idOf("o1")).isEqualTo("wallet-o1");
        assertThat(Wallet.ownerOf(Wallet.idOf("o1"))).isEqualTo("o1");
        assertThat(Wallet.ownerOf("o1")).isEqualTo("o1");
    }
}
