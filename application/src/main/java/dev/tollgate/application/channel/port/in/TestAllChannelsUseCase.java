package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Test every platform channel matching a filter at once (platform admins only): each gets the small chat request of
 * a single channel test, a few at a time, each bounded by the probe time-out.
 */
public interface TestAllChannelsUseCase {
    /** Most channels one call tests; the rest are counted as {@code remaining} (narrow the filter to reach them). */
    int MAX_CHANNELS = 200;

    ChannelTestReports testAll(ChannelFilter filter, Caller caller);
}
