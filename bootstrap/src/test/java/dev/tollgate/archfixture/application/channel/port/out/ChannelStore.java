package dev.tollgate.archfixture.application.channel.port.out;

/** Wrong: an outbound port not named {@code ...Port}. */
public interface ChannelStore {

    void save(String channelId);
}
