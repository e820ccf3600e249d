package dev.tollgate.application.channel.port.in;

/** What the relay tells the channel context when an upstream refused a channel's own account. */
public interface UpstreamRejectionUseCase {
    /** Whether an upstream status means the channel's own account is unusable (bad key, no balance, banned). */
    static boolean rejectsTheChannel(int status) {
        return status == 401 || status == 402 || status == 403;
    }

    /** The upstream rejected the channel: disable it (once, even when many requests see it at the same time). */
    void rejectedByUpstream(String channelId, int status);
}
