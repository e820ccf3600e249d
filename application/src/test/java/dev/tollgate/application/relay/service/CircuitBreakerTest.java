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

    @Test
    void givenThresholdAttemptsWaitingLongerThanTheStallThreshold_whenAsked_thenTheChannelIsStalledWhateverTheState() {
        // given: threshold 2, stalled after 20 s
        CircuitBreaker breaker = new CircuitBreaker(2, 30 * SECOND, 20 * SECOND);
        breaker.awaitHead(0);
        breaker.awaitHead(SECOND);

        // when
        boolean justBefore = breaker.stalled(21 * SECOND - 1);
        boolean after = breaker.stalled(21 * SECOND);

        // then: the breaker itself stays closed, the waiting attempts are not cut
        assertThat(justBefore).isFalse();
        assertThat(after).isTrue();
        assertThat(breaker.stalledAttempts(21 * SECOND)).isEqualTo(2);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void givenAStalledChannel_whenOneOfItsAttemptsGetsItsHead_thenNoAttemptStartedBeforeCountsAnyMore() {
        // given
        CircuitBreaker breaker = new CircuitBreaker(2, 30 * SECOND, 20 * SECOND);
        HeadWatch.Waiting first = breaker.awaitHead(0);
        breaker.awaitHead(SECOND);
        breaker.awaitHead(2 * SECOND);
        assertThat(breaker.stalled(30 * SECOND)).isTrue();

        // when
        first.headArrived();

        // then: the two still waiting started before that head; attempts started after it count again
        assertThat(breaker.stalled(30 * SECOND)).isFalse();
        assertThat(breaker.stalledAttempts(60 * SECOND)).isZero();
        breaker.awaitHead(31 * SECOND);
        breaker.awaitHead(32 * SECOND);
        assertThat(breaker.stalled(51 * SECOND)).isFalse();
        assertThat(breaker.stalled(52 * SECOND)).isTrue();
    }

    @Test
    void givenStalledAttempts_whenTheyEndWithoutAHead_thenTheyStopCountingAndTheirFailuresOpenTheBreaker() {
        // given
        CircuitBreaker breaker = new CircuitBreaker(2, 30 * SECOND, 20 * SECOND);
        HeadWatch.Waiting first = breaker.awaitHead(0);
        HeadWatch.Waiting second = breaker.awaitHead(SECOND);
        assertThat(breaker.stalled(25 * SECOND)).isTrue();

        // when: both time out at 60 s
        first.ended();
        breaker.onFailure(60 * SECOND);
        boolean afterOne = breaker.stalled(60 * SECOND);
        second.ended();
        second.ended();
        breaker.onFailure(61 * SECOND);

        // then
        assertThat(afterOne).isFalse();
        assertThat(breaker.stalledAttempts(61 * SECOND)).isZero();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void givenAttemptsThatEndedQuickly_whenAnOlderOneStillWaits_thenOnlyTheWaitingOnesCount() {
        // given: threshold 2; one hung attempt, then three that ended at once without a head (refused, no connection)
        CircuitBreaker breaker = new CircuitBreaker(2, 30 * SECOND, 20 * SECOND);
        breaker.awaitHead(0);
        breaker.awaitHead(SECOND).ended();
        HeadWatch.Waiting middle = breaker.awaitHead(2 * SECOND);
        breaker.awaitHead(3 * SECOND).ended();

        // when
        boolean withMiddle = breaker.stalled(30 * SECOND);
        middle.ended();
        boolean withoutMiddle = breaker.stalled(30 * SECOND);

        // then
        assertThat(withMiddle).isTrue();
        assertThat(withoutMiddle).isFalse();
        assertThat(breaker.stalledAttempts(30 * SECOND)).isEqualTo(1);
    }

    @Test
    void givenAKeyBreakerWithoutStallThreshold_whenAttemptsWait_thenItIsNeverStalled() {
        // given
        CircuitBreaker breaker = new CircuitBreaker(1, 30 * SECOND);

        // when
        HeadWatch.Waiting waiting = breaker.awaitHead(0);
        waiting.headArrived();
        waiting.ended();

        // then
        assertThat(breaker.stalled(3600 * SECOND)).isFalse();
        assertThat(breaker.stalledAttempts(3600 * SECOND)).isZero();
    }

    @Test
    void givenAnOpenBreakerWhosePeriodEndedButWithStalledAttempts_whenTheRouterAsks_thenNoProbeIsTakenUntilTheyEnd() {
        // given: opened by one failure at 0 (threshold 1); an attempt started before still waits
        CircuitBreaker breaker = new CircuitBreaker(1, 30 * SECOND, 20 * SECOND);
        HeadWatch.Waiting hung = breaker.awaitHead(0);
        breaker.onFailure(0);

        // when: the period ended, but the attempt is stalled
        boolean stalled = breaker.stalled(31 * SECOND);
        hung.ended();

        // then: the router does not try to pass while stalled, so the half-open probe is left for afterwards
        assertThat(stalled).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.stalled(31 * SECOND)).isFalse();
        assertThat(breaker.tryPass(31 * SECOND)).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }
}
