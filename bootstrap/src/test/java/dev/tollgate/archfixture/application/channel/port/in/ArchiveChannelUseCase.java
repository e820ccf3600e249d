package dev.tollgate.archfixture.application.channel.port.in;

/** Right: an inbound port; {@code ChannelArchiver} implements it under the wrong name. */
public interface ArchiveChannelUseCase {

    void archive(String channelId);
}
