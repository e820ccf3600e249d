package dev.tollgate.application.relay.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void givenThreeConsecutiveFailures_whenTheThresholdIsThree_thenTheBreakerOpensAndRefusesTraffic() {
        // given
        CircuitBreaker breaker = new CircuitBreaker(3, 30 * SECOND);

        // when
        breaker.onFailure(0);
        breaker.onFailure(1);
        boolean beforeThird = breaker.tryPass(2);
        breaker.onFailure(3);

        // then
        assertThat(beforeThird).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryPass(4)).isFalse();
        assertThat(breaker.mayPass(4)).isFalse();
    }

    @Test
    void givenASuccessBetweenFailures_whenCounting_thenOnlyConsecutiveFailuresOpenIt() {
        // given
        CircuitBreaker breaker = new CircuitBreaker(3, 30 * SECOND);

        // when
        breaker.onFailure(0);
        breaker.onFailure(1);
        breaker.onSuccess();
        breaker.onFailure(2);
        breaker.onFailure(3);

        // then
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void givenAnOpenBreaker_whenThePeriodEnds_thenExactlyOneProbePassesAndItsResultDecides() {
        // given
        CircuitBreaker breaker = new CircuitBreaker(1, 30 * SECOND);
        breaker.onFailure(0);

        // when
        boolean early = breaker.tryPass(29 * SECOND);
        boolean probe = breaker.tryPass(30 * SECOND);
        boolean second = breaker.tryPass(30 * SECOND + 1);

        // then
        assertThat(early).isFalse();
        assertThat(probe).isTrue();
        assertThat(second).isFalse();
        breaker.onFailure(31 * SECOND);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryPass(60 * SECOND)).isFalse();
        assertThat(breaker.tryPass(61 * SECOND)).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryPass(62 * SECOND)).isTrue();
    }
}
