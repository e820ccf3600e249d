package dev.tollgate.application.channel.port.in;

import java.time.Instant;

/**
 * A channel's upstream balance.
 *
 * @param supported whether the channel's provider publishes a balance at all
 * @param currency  the provider's currency, e.g. {@code USD}, {@code CNY} (null when none was ever read)
 * @param available the credit left as a decimal string, exactly as computed from the provider's figures
 * @param source    the provider endpoint the figure came from
 * @param fetchedAt when the figure was read
 * @param fresh     true when read by this call; false when it is the last known figure and {@code error} says why
 *                  no fresh one could be read
 * @param error     why the provider could not be asked this time, or null
 */
public record ChannelBalance(
        String channelId,
        boolean supported,
        String currency,
        String available,
        String source,
        Instant fetchedAt,
        boolean fresh,
        String error) {}
