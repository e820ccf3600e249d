package dev.tollgate.adapter.out.persistence.ratelimit;

import dev.tollgate.application.relay.port.out.RateLimitPort;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Token buckets in PostgreSQL with Bucket4j ({@code rate_limit_bucket}, one row per bucket): each operation is one
 * transaction that locks the bucket's row ({@code SELECT ... FOR UPDATE}), computes the new state in this JVM and
 * writes it back, so every node on the database sees one bucket and together they never take more than it holds.
 * A bucket holds at most its per-minute limit and is refilled continuously (greedily) at that rate. Rows of buckets
 * that have been full for a minute may be deleted ({@link #removeExpired}); a deleted bucket comes back full.
 */
public class RateLimitBucketsPersistenceAdapter implements RateLimitPort {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public RateLimitBucketsPersistenceAdapter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(MINUTE))
                .build();
    }

    static BucketConfiguration perMinute(long limit) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, MINUTE))
                .build();
    }

    private BucketProxy bucket(String name, long perMinute) {
        return buckets.builder().build(name, () -> perMinute(perMinute));
    }

    @Override
    public long tryTake(String bucket, long perMinute, long amount) {
        ConsumptionProbe probe = bucket(bucket, perMinute).tryConsumeAndReturnRemaining(amount);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    @Override
    public void giveBack(String bucket, long perMinute, long amount) {
        bucket(bucket, perMinute).addTokens(amount);
    }

    @Override
    public void takeRegardless(String bucket, long perMinute, long amount) {
        bucket(bucket, perMinute).consumeIgnoringRateLimits(amount);
    }

    /** Deletes up to {@code batchSize} rows of buckets that have been full long enough; returns how many. */
    public int removeExpired(int batchSize) {
        return buckets.removeExpired(batchSize);
    }
}
