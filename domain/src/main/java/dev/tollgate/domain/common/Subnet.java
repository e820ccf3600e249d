package dev.tollgate.domain.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); an address
 * without a prefix is a block of one. Parsed from literals only: a host name is refused, never looked up.
 *
 * @param network      the block's first address (4 or 16 bytes), no bits set after the prefix
 * @param prefixLength how many leading bits every address of the block shares
 */
public record Subnet(byte[] network, int prefixLength) {
    private static final int MAX_TEXT = 50;

    public Subnet {
        network = network.clone();
    }

    /**
     * Parses {@code text}; {@code field} names the setting in the error, which quotes the entry that is wrong.
     *
     * @throws InvalidValueException not an IP address or CIDR block, or bits set after the prefix
     */
    public static Subnet parse(String field, String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new InvalidValueException(
                    field,
                    "'" + (text == null ? "" : shorten(text.trim()))
                            + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8 or 2001:db8::/32)");
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = addressBytes(address);
        if (bytes == null) {
            throw new InvalidValueException(
                    field, "'" + trimmed + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8 or 2001:db8::/32)");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = trimmed.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
                throw new InvalidValueException(field, "'" + trimmed + "' has a prefix length outside 0-" + bits);
            }
            prefix = Integer.parseInt(p);
        }
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            Subnet suggestion = new Subnet(masked, prefix);
            throw new InvalidValueException(
                    field,
                    "'" + trimmed + "' has address bits set after the /" + prefix + " prefix; did you mean "
                            + suggestion + "?");
        }
        return new Subnet(bytes, prefix);
    }

    /** The bytes of an IPv4 (dotted quad) or IPv6 literal, or null when {@code text} is neither. */
    public static byte[] addressBytes(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            return null; // zone ids and anything else: refused
        }
        try {
            // a literal with ':' is parsed as IPv6, never resolved; IPv4-mapped addresses come back as IPv4
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                return null; // leading zeros read as octal by some tools: ambiguous, refused
            }
            bytes[i] = (byte) v;
        }
        return bytes;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    /** Whether the address (as {@link #addressBytes} returns it) is inside this block. */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    /** Whether the address literal is inside this block (an unparsable one never is). */
    public boolean contains(String address) {
        return contains(addressBytes(address));
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subnet s && s.prefixLength == prefixLength && Arrays.equals(s.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** The canonical CIDR form ({@code 10.0.0.0/8}; IPv6 as RFC 5952 writes it: {@code 2001:db8::/32}). */
    @Override
    public String toString() {
        return (network.length == 4 ? ipv4Text(network) : ipv6Text(network)) + "/" + prefixLength;
    }

    private static String ipv4Text(byte[] b) {
        return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }

    /** Lower-case groups without leading zeros; the longest run of two or more zero groups (the first) as "::". */
    private static String ipv6Text(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static String shorten(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
    }
}
