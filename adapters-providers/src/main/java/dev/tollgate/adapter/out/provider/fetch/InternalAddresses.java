package dev.tollgate.adapter.out.provider.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which network addresses a user-supplied URL must never reach (SSRF): the classification shared by the
 * {@link GuardedUrlFetcher} (images fetched for a provider) and the {@link PrivateChannelAddressGuard} (base URLs of
 * organisations' private channels).
 */
public final class InternalAddresses {
    private InternalAddresses() {}

    /**
     * Whether an address is internal (never to be connected to on a user's behalf): loopback, private, link-local,
     * carrier-grade NAT, unspecified, multicast, broadcast and other special-purpose ranges, and IPv6 forms embedding
     * such an IPv4 address.
     */
    public static boolean isInternal(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? forbiddenV4(b, 0) : forbiddenV6(b);
    }

    /**
     * Host names of cloud instance-metadata services (lower case, without a trailing dot): refused for every
     * channel, whatever they resolve to.
     */
    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal",
            "metadata.goog",
            "metadata",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.azure.internal");

    /**
     * Whether an address is a cloud metadata service or link-local, never reachable by any channel (platform ones
     * included): IPv4 169.254/16 (AWS, GCP, Azure, OpenStack metadata), 100.100.100.200 (Alibaba Cloud),
     * 192.0.0.192 (Oracle Cloud), IPv6 fe80::/10 and fd00:ec2::254 (AWS over IPv6), and IPv4-mapped forms of these.
     */
    public static boolean isCloudMetadata(InetAddress address) {
        Objects.requireNonNull(address, "address");
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return metadataV4(b, 0);
        }
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return metadataV4(b, 12);
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return true; // fe80::/10 link-local
        }
        return b0 == 0xfd
                && b1 == 0x00
                && (b[2] & 0xff) == 0x0e
                && (b[3] & 0xff) == 0xc2
                && zeros(b, 4, 14)
                && (b[14] & 0xff) == 0x02
                && (b[15] & 0xff) == 0x54; // fd00:ec2::254
    }

    /** Whether a host name (any case, trailing dot allowed) names a cloud metadata service. */
    public static boolean isCloudMetadataName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return METADATA_NAMES.contains(h);
    }

    private static boolean metadataV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        int a3 = b[at + 3] & 0xff;
        return (a0 == 169 && a1 == 254)
                || (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200)
                || (a0 == 192 && a1 == 0 && a2 == 0 && a3 == 192);
    }

    private static boolean forbiddenV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        return a0 == 0 // 0.0.0.0/8 "this network", 0.0.0.0 unspecified
                || a0 == 10 // 10/8 private
                || a0 == 127 // 127/8 loopback
                || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254) // 169.254/16 link-local, cloud metadata
                || (a0 == 172 && (a1 & 0xf0) == 16) // 172.16/12 private
                || (a0 == 192 && a1 == 168) // 192.168/16 private
                || (a0 == 192 && a1 == 0 && a2 == 0) // 192.0.0/24 IETF protocol assignments
                || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18/15 benchmarking
                || a0 >= 224; // 224/4 multicast, 240/4 reserved, 255.255.255.255
    }

    private static boolean forbiddenV6(byte[] b) {
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return forbiddenV4(b, 12); // ::ffff:a.b.c.d IPv4-mapped
        }
        if (zeros(b, 0, 12)) {
            return true; // ::, ::1 and deprecated IPv4-compatible ::a.b.c.d
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc // fc00::/7 unique-local
                || (b0 == 0xfe && (b1 & 0xc0) == 0x80) // fe80::/10 link-local
                || (b0 == 0xfe && (b1 & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated)
                || b0 == 0xff) { // ff00::/8 multicast
            return true;
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            // 64:ff9b::/96 well-known NAT64 embeds an IPv4 address; 64:ff9b:1::/48 is local-use NAT64
            return !zeros(b, 4, 12) || forbiddenV4(b, 12);
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return forbiddenV4(b, 2); // 2002::/16 6to4 embeds an IPv4 address
        }
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return true; // 2001::/32 Teredo tunnels to an obfuscated IPv4 address
        }
        return b0 == 0x01 && b1 == 0x00 && zeros(b, 2, 8); // 100::/64 discard-only
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The address an IP-literal host names, without any lookup, or {@code null} for a host name. A host that looks
     * numeric (its last label is all digits or hexadecimal {@code 0x...}) must be a canonical dotted quad: legacy
     * forms such as {@code 127.1}, {@code 2130706433} or {@code 0177.0.0.1} are refused rather than interpreted.
     *
     * @param host the URL's host, lower case, IPv6 literals in brackets
     * @throws IllegalArgumentException a malformed or ambiguous address literal
     */
    public static InetAddress literal(String host) {
        if (host.startsWith("[")) {
            try {
                return InetAddress.getByName(host); // bracketed: parsed as an IPv6 literal, never looked up
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid host: " + host, e);
            }
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        boolean numeric =
                !last.isEmpty() && (last.chars().allMatch(c -> c >= '0' && c <= '9') || last.startsWith("0x"));
        if (!numeric) {
            return null;
        }
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a valid host: " + host);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty()
                    || p.length() > 3
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')
                    || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("not a valid host: " + host);
            }
            bytes[i] = (byte) Integer.parseInt(p);
        }
        try {
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }
}
