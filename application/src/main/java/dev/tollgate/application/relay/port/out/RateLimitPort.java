package dev.tollgate.application.relay.port.out;

/**
 * Token buckets shared by every Tollgate node (one database): a bucket holds at most {@code perMinute} tokens and
 * is refilled continuously at {@code perMinute} per minute. A bucket is named by its scope and limit (e.g.
 * {@code key:<id>:rpm:60}), so a changed limit starts a fresh, full bucket.
 */
public interface RateLimitPort {
    /**
     * Takes {@code amount} (at most {@code perMinute}) from the bucket when it holds that many.
     *
     * @return 0 when taken; otherwise the nanoseconds until the bucket will hold {@code amount}, nothing taken
     */
    long tryTake(String bucket, long perMinute, long amount);

    /** Puts {@code amount} back (never above {@code perMinute}): an estimate was too high, or a request refused. */
    void giveBack(String bucket, long perMinute, long amount);

    /** Takes {@code amount} even when the bucket holds less (it goes into debt): an estimate was too low. */
    void takeRegardless(String bucket, long perMinute, long amount);
}
