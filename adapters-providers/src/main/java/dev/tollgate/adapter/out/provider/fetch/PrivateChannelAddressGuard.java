package dev.tollgate.adapter.out.provider.fetch;

import dev.tollgate.application.channel.port.out.ChannelAddressGuardPort;
import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.channel.port.out.UpstreamModelsPort;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * ({@link #guard(ChatUpstreamPort, Predicate)}, {@link #guard(UpstreamBalancePort, Predicate)},
 * {@link #guard(UpstreamModelsPort, Predicate)}): a refused call fails
 * as a connection failure of that channel with the reason, and nothing is sent. The check resolves the name with the
 * JDK's resolver, whose cache (30 s for positive answers by default) the HTTP client that connects right after reads
 * too, which narrows DNS rebinding between the check and the connect to a cache expiry in between.
 */
public final class PrivateChannelAddressGuard implements ChannelAddressGuardPort {
    private final GuardedUrlFetcher.HostResolver resolver;
    private final Set<String> exempt;
    /**
     * Platform channels' base URLs found allowed, until when (nanoTime): the relay re-checks a platform channel's
     * host at most once a second instead of on every call (the lookup is cached by the JDK anyway).
     */
    private final Map<String, Long> allowedPlatformUrls = new ConcurrentHashMap<>();

    private static final long PLATFORM_RECHECK_NANOS = 1_000_000_000L;

    /** A guard resolving with the system resolver. */
    public PrivateChannelAddressGuard(Collection<String> exemptHosts) {
        this(InetAddress::getAllByName, exemptHosts);
    }

    public PrivateChannelAddressGuard(GuardedUrlFetcher.HostResolver resolver, Collection<String> exemptHosts) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.exempt = exemptHosts.stream()
                .map(String::strip)
                .filter(h -> !h.isEmpty())
                .map(PrivateChannelAddressGuard::normalized)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<String> refusal(String baseUrl) {
        Optional<String> metadata = metadataRefusal(baseUrl, true);
        if (metadata.isPresent()) {
            return metadata; // never exempt: the operator's list opens loopback and private hosts, not these
        }
        String host = URI.create(baseUrl).getHost(); // a valid URL with a host: checked just above
        String lower = host.toLowerCase(Locale.ROOT);
        if (exempt.contains(normalized(lower))) {
            return Optional.empty();
        }
        if (!host.equals(lower) || host.endsWith(".")) {
            // the check must resolve the very name the HTTP client resolves (and share its cached answer)
            return Optional.of(
                    "the base URL's host '" + host + "' must be written in lower case without a " + "trailing dot");
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

    @Override
    public Optional<String> platformRefusal(String baseUrl) {
        return metadataRefusal(baseUrl, false);
    }

    /**
     * A cloud metadata name, or a host that is (or, when {@code resolve}, resolves to) a metadata or link-local
     * address. Resolving is left to the moment of a call (which resolves the name anyway), so that saving a channel
     * sends no lookup anywhere.
     */
    private Optional<String> metadataRefusal(String baseUrl, boolean resolve) {
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
        String refused = "the base URL's host '" + host + "' is or resolves to a cloud metadata or link-local "
                + "address, which no channel may use";
        if (InternalAddresses.isCloudMetadataName(lower)) {
            return Optional.of(refused);
        }
        InetAddress[] addresses;
        try {
            InetAddress literal = InternalAddresses.literal(lower);
            if (literal == null && !resolve) {
                return Optional.empty();
            }
            addresses = literal != null ? new InetAddress[] {literal} : resolver.resolve(stripDot(lower));
        } catch (IllegalArgumentException e) {
            return Optional.of("the base URL's host '" + host + "' is not a valid host name or address");
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses == null ? new InetAddress[0] : addresses) {
            if (InternalAddresses.isCloudMetadata(address)) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    /**
     * The chat adapter, refusing calls of private channels whose base URL is not (or no longer) public, and calls of
     * any channel whose host is (or now resolves to) a cloud metadata or link-local address.
     */
    public ChatUpstreamPort guard(ChatUpstreamPort delegate, Predicate<String> privateChannel) {
        return request -> {
            check(request.target(), privateChannel);
            return delegate.send(request);
        };
    }

    /**
     * The addresses a call may connect to, for a transport that connects by address
     * ({@code tollgate.upstream.transport=blocking}): the host resolved now with this guard's resolver, refused as
     * {@link #refusal} refuses a private channel's host (unless exempt) and as {@link #platformRefusal} refuses any
     * channel's. The guard's check before the call and this one may see different answers from the name server
     * (DNS rebinding); the connection goes only to addresses of this one, each of which passed.
     */
    public ConnectAddresses connectAddresses(Predicate<String> privateChannel) {
        return (target, host) -> checkedAddresses(target.channelId(), host, privateChannel.test(target.channelId()));
    }

    private InetAddress[] checkedAddresses(String channelId, String host, boolean isPrivate) throws UpstreamException {
        String lower = normalized(host);
        String who =
                (isPrivate ? "private channel " : "channel ") + channelId + " not called: the host '" + host + "' ";
        InetAddress[] addresses;
        try {
            InetAddress literal = InternalAddresses.literal(lower);
            addresses = literal != null ? new InetAddress[] {literal} : resolver.resolve(lower);
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new UpstreamException(UpstreamException.Kind.CONNECT, who + "cannot be resolved", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new UpstreamException(UpstreamException.Kind.CONNECT, who + "cannot be resolved", null);
        }
        boolean exempted = exempt.contains(lower);
        for (InetAddress address : addresses) {
            if (InternalAddresses.isCloudMetadataName(lower) || InternalAddresses.isCloudMetadata(address)) {
                throw new UpstreamException(
                        UpstreamException.Kind.CONNECT,
                        who + "is or resolves to a cloud " + "metadata or link-local address, which no channel may use",
                        null);
            }
            if (isPrivate && !exempted && InternalAddresses.isInternal(address)) {
                throw new UpstreamException(
                        UpstreamException.Kind.CONNECT,
                        who + "resolves to a loopback, private, "
                                + "link-local or otherwise internal address; a private channel must use a public one",
                        null);
            }
        }
        return addresses.clone();
    }

    /** The balance reader, with the same refusals as the chat adapter. */
    public UpstreamBalancePort guard(UpstreamBalancePort delegate, Predicate<String> privateChannel) {
        return target -> {
            check(target, privateChannel);
            return delegate.fetch(target);
        };
    }

    /** The model lister, with the same refusals as the chat adapter. */
    public UpstreamModelsPort guard(UpstreamModelsPort delegate, Predicate<String> privateChannel) {
        return target -> {
            check(target, privateChannel);
            return delegate.list(target);
        };
    }

    private void check(UpstreamTarget target, Predicate<String> privateChannel) throws UpstreamException {
        boolean isPrivate = privateChannel.test(target.channelId());
        if (!isPrivate && recentlyAllowed(target.baseUrl())) {
            return;
        }
        Optional<String> refusal = isPrivate ? refusal(target.baseUrl()) : metadataRefusal(target.baseUrl(), true);
        if (!isPrivate && refusal.isEmpty()) {
            allowedPlatformUrls.put(target.baseUrl(), System.nanoTime() + PLATFORM_RECHECK_NANOS);
        }
        if (refusal.isPresent()) {
            throw new UpstreamException(
                    UpstreamException.Kind.CONNECT,
                    (isPrivate ? "private channel " : "channel ") + target.channelId() + " not called: "
                            + refusal.get(),
                    null);
        }
    }

    /** Whether a platform channel's base URL passed {@link #platformRefusal} within the last second. */
    private boolean recentlyAllowed(String baseUrl) {
        Long until = allowedPlatformUrls.get(baseUrl);
        return until != null && until - System.nanoTime() > 0;
    }

    private static String normalized(String host) {
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
