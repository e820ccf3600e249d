package dev.tollgate.application.channel.port.in;

/** One channel's line of a "test all channels" answer: which channel, its status then, and its test's result. */
public record ChannelTestReport(String channelId, String name, String type, String status, ChannelTestResult result) {}
