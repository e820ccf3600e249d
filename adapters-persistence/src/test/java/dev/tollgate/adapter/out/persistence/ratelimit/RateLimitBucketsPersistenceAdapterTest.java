package dev.tollgate.adapter.out.persistence.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresSupport.class)
class RateLimitBucketsPersistenceAdapterTest {
    private final RateLimitBucketsPersistenceAdapter buckets = new RateLimitBucketsPersistenceAdapter(
            EmbeddedPostgresSupport.database().dataSource());
    private final String bucket = "key:" + UUID.randomUUID() + ":tpm:100";

    @Test
    void givenAFullBucket_whenTakingMoreThanIsLeft_thenRefusedWithTheWaitAndNothingTaken() {
        // given
        assertThat(buckets.tryTake(bucket, 100, 70)).isZero();

        // when
        long wait = buckets.tryTake(bucket, 100, 40);

        // then: 10 more tokens at 100 per minute take about 6 s
        assertThat(wait).isBetween(5_000_000_000L, 6_100_000_000L);
        assertThat(buckets.tryTake(bucket, 100, 30))
                .as("the refused 40 were not taken")
                .isZero();
    }

    @Test
    void givenAnEmptyBucket_whenTokensAreGivenBack_thenTheyCanBeTakenAgainButNeverAboveTheLimit() {
        // given
        assertThat(buckets.tryTake(bucket, 100, 100)).isZero();

        // when
        buckets.giveBack(bucket, 100, 60);
        buckets.giveBack(bucket, 100, 1_000);

        // then
        assertThat(buckets.tryTake(bucket, 100, 100)).isZero();
        assertThat(buckets.tryTake(bucket, 100, 1)).isPositive();
    }

    @Test
    void givenABucket_whenTakenRegardless_thenItGoesIntoDebtAndLaterRequestsWait() {
        // given
        assertThat(buckets.tryTake(bucket, 100, 100)).isZero();

        // when
        buckets.takeRegardless(bucket, 100, 50);

        // then: 50 of debt plus 1 token at 100 per minute: about 30.6 s
        assertThat(buckets.tryTake(bucket, 100, 1)).isGreaterThan(30_000_000_000L);
    }

    @Test
    void givenConcurrentTakersOnSeparateConnections_thenTogetherTheyTakeNoMoreThanTheBucketHolds() throws Exception {
        // given
        String rpm = "key:" + UUID.randomUUID() + ":rpm:25";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // when
            List<Future<Long>> takes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                takes.add(pool.submit(() -> buckets.tryTake(rpm, 25, 1)));
            }
            long admitted = 0;
            for (Future<Long> f : takes) {
                admitted += f.get() == 0 ? 1 : 0;
            }

            // then
            assertThat(admitted).isEqualTo(25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenAChangedLimit_thenItsBucketIsAnotherOneAndStartsFull() {
        // given
        String id = "user:" + UUID.randomUUID();
        assertThat(buckets.tryTake(id + ":rpm:2", 2, 2)).isZero();

        // when / then
        assertThat(buckets.tryTake(id + ":rpm:3", 3, 3)).isZero();
    }
}
