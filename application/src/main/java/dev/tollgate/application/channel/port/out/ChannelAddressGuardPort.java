package dev.tollgate.application.channel.port.out;

import java.util.Optional;

/**
 * Keeps private channels (whose base URL an organisation supplies) out of the gateway's own network (SSRF): a base URL
 * whose host is, or resolves to, a loopback, private, link-local (169.254.169.254 among them), carrier-grade NAT,
 * multicast, unspecified, IPv6 unique-local or IPv4-mapped internal address is refused, unless the host is one the
 * operator exempted ({@code tollgate.channels.private-hosts-allowed}).
 */
public interface ChannelAddressGuardPort {
    /**
     * Why {@code baseUrl} may not be used by a private channel, or empty when it may. Resolves the host name (every
     * address it has must be public). The reason names the host, never a resolved address.
     */
    Optional<String> refusal(String baseUrl);

    /**
     * Why {@code baseUrl} may not be used by any channel, platform channels included, or empty when it may: a cloud
     * metadata host name, or an address literal of a metadata or link-local address. Loopback and private addresses
     * stay allowed here (a local Ollama is a platform channel). No name is looked up here; the adapter checks what a
     * name resolves to before every call.
     */
    Optional<String> platformRefusal(String baseUrl);
}
