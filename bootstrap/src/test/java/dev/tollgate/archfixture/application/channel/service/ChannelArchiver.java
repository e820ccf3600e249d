package dev.tollgate.archfixture.application.channel.service;

import dev.tollgate.archfixture.application.channel.port.in.ArchiveChannelUseCase;

/** Wrong: implements a use case but is not named {@code ...Service}. */
public class ChannelArchiver implements ArchiveChannelUseCase {

    @Override
    public void archive(String channelId) {}
}
