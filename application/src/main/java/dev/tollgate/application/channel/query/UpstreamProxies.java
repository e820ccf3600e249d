package dev.tollgate.application.channel.query;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.domain.channel.ProxyScheme;
import dev.tollgate.domain.channel.ProxyUrl;
import dev.tollgate.domain.channel.event.UpstreamProxyRemovedEvent;
import dev.tollgate.domain.channel.event.UpstreamProxySetEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * In-memory view of the outbound proxies: the installation's and each channel's, with their credentials loaded (and
 * decrypted) from the secret store when the event arrives, as the channel keys are. Read per upstream call.
 */
public class UpstreamProxies {
    private final ChannelSecretPort secrets;
    private final ViewFreshness freshness;
    private final Map<String, ProxyUrl> byChannel = new ConcurrentHashMap<>();
    private volatile ProxyUrl global;

    public UpstreamProxies(ChannelSecretPort secrets, ViewFreshness freshness) {
        this.secrets = secrets;
        this.freshness = freshness;
    }

    /** Where a proxy's credentials are kept in the secret store (never a channel id: those are UUIDs). */
    public static String secretId(String proxyId) {
        return "proxy:" + proxyId;
    }

    @EventHandler
    void on(UpstreamProxySetEvent e, @SequenceNumber long sequence) {
        String username = null;
        String password = null;
        if (e.authenticated()) {
            List<String> credentials = secrets.load(secretId(e.proxyId()));
            if (credentials.size() == 2) {
                username = credentials.get(0);
                password = credentials.get(1);
            }
        }
        ProxyUrl proxy = new ProxyUrl(ProxyScheme.of(e.scheme()), e.host(), e.port(), username, password);
        if (e.channelId() == null) {
            global = proxy;
        } else {
            byChannel.put(e.channelId(), proxy);
        }
        freshness.applied(e.proxyId(), sequence);
    }

    @EventHandler
    void on(UpstreamProxyRemovedEvent e, @SequenceNumber long sequence) {
        if (e.channelId() == null) {
            global = null;
        } else {
            byChannel.remove(e.channelId());
        }
        freshness.applied(e.proxyId(), sequence);
    }

    /** The proxy a channel's calls go through: its own, else the installation's; null: directly. */
    public ProxyUrl forChannel(String channelId) {
        ProxyUrl own = byChannel.get(channelId);
        return own != null ? own : global;
    }

    /** The channel's own proxy (not the installation's). */
    public Optional<ProxyUrl> ofChannel(String channelId) {
        return Optional.ofNullable(byChannel.get(channelId));
    }

    public Optional<ProxyUrl> global() {
        return Optional.ofNullable(global);
    }
}
