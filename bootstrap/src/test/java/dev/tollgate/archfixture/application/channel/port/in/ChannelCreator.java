package dev.tollgate.archfixture.application.channel.port.in;

/** Wrong: an inbound port not named {@code ...UseCase}. */
public interface ChannelCreator {

    void create(String name);
}
