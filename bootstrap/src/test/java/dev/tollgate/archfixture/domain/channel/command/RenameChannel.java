package dev.tollgate.archfixture.domain.channel.command;

/** Wrong: a command record without the {@code Command} suffix. */
public record RenameChannel(String channelId, String name) {}
