package dev.tollgate.adapter.out.provider.fetch;

import dev.tollgate.application.channel.port.out.ChannelAddressGuardPort;
import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.relay.port.out.ChatUpstreamPort;
import dev.tollgate.application.relay.port.out.UpstreamException;
import dev.tollgate.application.relay.port.out.UpstreamTarget;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Keeps organisations' private channels out of the gateway's own network (SSRF). A base URL is refused when its host
 * is, or resolves to, an {@linkplain InternalAddresses#isInternal internal address} (every address the name has is
 * checked; a name that does not resolve is refused too) — unless the host, exactly as written in the URL (case
 * aside, IPv6 without brackets), is one of the operator's exempt hosts ({@code tollgate.channels.private-hosts-allowed}).
 * A name is never exempted by the address it resolves to.
 *
 * <p>Used when a private channel's base URL is set, and again before every upstream call of a private channel
 * ({@link #guard(ChatUpstreamPort, Predicate)}, {@link #guard(UpstreamBalancePort, Predicate)}): a refused call fails
 * as a connection failure of that channel with the reason, and nothing is sent. The check resolves the name with the
 * JDK's resolver, whose cache (30 s for positive answers by default) the HTTP client that connects right after reads
 * too, which narrows DNS rebinding between the check and the connect to a cache expiry in between.
 */
public final class PrivateChannelAddressGuard implements ChannelAddressGuardPort {
    private final GuardedUrlFetcher.HostResolver resolver;
    private final Set<String> exempt;

    /** A guard resolving with the system resolver. */
    public PrivateChannelAddressGuard(Collection<String> exemptHosts) {
        this(InetAddress::getAllByName, exemptHosts);
    }

    public PrivateChannelAddressGuard(GuardedUrlFetcher.HostResolver resolver, Collection<String> exemptHosts) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.exempt = exemptHosts.stream().map(String::strip).filter(h -> !h.isEmpty())
                .map(PrivateChannelAddressGuard::normalized).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<String> refusal(String baseUrl) {
        String host;
        try {
            host = URI.create(baseUrl).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.of("the base URL is not a valid URL");
        }
        if (host == null || host.isEmpty()) {
            return Optional.of("the base URL has no host");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (exempt.contains(normalized(lower))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            InetAddress literal = InternalAddresses.literal(lower);
            addresses = literal != null ? new InetAddress[] {literal} : resolver.resolve(stripDot(lower));
        } catch (IllegalArgumentException e) {
            return Optional.of("the base URL's host '" + host + "' is not a valid host name or address");
        } catch (UnknownHostException e) {
            return Optional.of("the base URL's host '" + host + "' cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("the base URL's host '" + host + "' cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (InternalAddresses.isInternal(address)) {
                return Optional.of("the base URL's host '" + host + "' is or resolves to a loopback, private, "
                        + "link-local or otherwise internal address; a private channel must use a public one");
            }
        }
        return Optional.empty();
    }

    /** The chat adapter, refusing calls of private channels whose base URL is not (or no longer) public. */
    public ChatUpstreamPort guard(ChatUpstreamPort delegate, Predicate<String> privateChannel) {
        return request -> {
            check(request.target(), privateChannel);
            return delegate.send(request);
        };
    }

    /** The balance reader, refusing private channels whose base URL is not (or no longer) public. */
    public UpstreamBalancePort guard(UpstreamBalancePort delegate, Predicate<String> privateChannel) {
        return target -> {
            check(target, privateChannel);
            return delegate.fetch(target);
        };
    }

    private void check(UpstreamTarget target, Predicate<String> privateChannel) throws UpstreamException {
        if (!privateChannel.test(target.channelId())) {
            return;
        }
        Optional<String> refusal = refusal(target.baseUrl());
        if (refusal.isPresent()) {
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "private channel " + target.channelId()
                    + " not called: " + refusal.get(), null);
        }
    }

    private static String normalized(String host) {
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
