package dev.tollgate.adapter.out.provider.fetch;

import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.net.InetAddress;

/**
 * Where a call of a channel may connect: its host resolved at the moment of the connect, and every address checked
 * against the channel's address rules. A transport that connects to one of these addresses (and to nothing it
 * resolved itself) connects to an address that was checked, whatever the name server answers before or after.
 */
@FunctionalInterface
public interface ConnectAddresses {
    /**
     * The checked addresses of {@code host} for a call of {@code target}'s channel.
     *
     * @throws UpstreamException CONNECT when the host does not resolve or an address is refused (nothing is sent)
     */
    InetAddress[] of(UpstreamTarget target, String host) throws UpstreamException;
}
