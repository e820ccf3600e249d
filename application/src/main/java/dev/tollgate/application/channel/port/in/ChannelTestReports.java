package dev.tollgate.application.channel.port.in;

import java.util.List;

/**
 * The answer of "test all channels".
 *
 * @param tested    how many channels were tested (at most {@link TestAllChannelsUseCase#MAX_CHANNELS})
 * @param succeeded how many of them answered with a 2xx
 * @param remaining channels matching the filter that were not tested because of the limit
 */
public record ChannelTestReports(List<ChannelTestReport> results, int tested, int succeeded, int remaining) {
    public ChannelTestReports {
        results = List.copyOf(results);
    }
}
