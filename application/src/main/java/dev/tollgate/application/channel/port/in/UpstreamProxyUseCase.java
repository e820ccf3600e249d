package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;
import java.util.Optional;

/**
 * The outbound proxies: the installation's, and each channel's own (which wins over it). Platform admins only,
 * private channels included. Answers never carry the credentials.
 */
public interface UpstreamProxyUseCase {
    /**
     * A proxy as the API shows it.
     *
     * @param authenticated whether credentials are stored (they are never shown)
     */
    record ProxyView(String scheme, String host, int port, boolean authenticated) {}

    Optional<ProxyView> globalProxy(Caller caller);

    /** Sets the installation's proxy from {@code scheme://[user:password@]host:port}. */
    ProxyView setGlobalProxy(String url, Caller caller);

    void removeGlobalProxy(Caller caller);

    Optional<ProxyView> channelProxy(String channelId, Caller caller);

    ProxyView setChannelProxy(String channelId, String url, Caller caller);

    void removeChannelProxy(String channelId, Caller caller);
}
