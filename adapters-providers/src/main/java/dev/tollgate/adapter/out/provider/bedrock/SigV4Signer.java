package dev.tollgate.adapter.out.provider.bedrock;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a request signed in the {@code Authorization} header (algorithm
 * {@code AWS4-HMAC-SHA256}).
 *
 * <ul>
 *   <li>canonical request: method, canonical URI, canonical query, canonical headers, signed headers and the hex
 *       SHA-256 of the payload, one per line;</li>
 *   <li>the canonical URI is the request's path <em>as sent</em> (already percent-encoded) URI-encoded once more,
 *       '/' kept (every service but S3 wants the path encoded twice: a model id's {@code :} is sent as {@code %3A}
 *       and signed as {@code %253A}); an empty path is {@code /};</li>
 *   <li>the canonical query: every parameter decoded and re-encoded (RFC 3986 unreserved characters kept), sorted
 *       by name then value;</li>
 *   <li>canonical headers: names in lower case, values trimmed with inner runs of spaces collapsed, sorted by name;
 *       {@code host} (from the URI, with the port when it is not the scheme's default) and {@code x-amz-date} are
 *       always signed, {@code x-amz-security-token} when a session token is given;</li>
 *   <li>string to sign: {@code AWS4-HMAC-SHA256}, the time ({@code yyyyMMdd'T'HHmmss'Z'}), the scope
 *       {@code date/region/service/aws4_request} and the hex SHA-256 of the canonical request;</li>
 *   <li>signing key: HMAC-SHA256 chained from {@code "AWS4" + secret} over the date, region, service and
 *       {@code aws4_request}; the signature is the hex HMAC of the string to sign under that key.</li>
 * </ul>
 * The secret key appears in no result and no message.
 */
public final class SigV4Signer {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private SigV4Signer() {}

    /** AWS credentials: an access key id, its secret and, for temporary credentials, a session token (or null). */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + "]";
        }
    }

    /**
     * The outcome of signing.
     *
     * @param headers          the headers to add to the request: {@code x-amz-date}, {@code x-amz-security-token}
     *                         (with a session token) and {@code Authorization}
     * @param signedHeaders    the signed header names, {@code ;}-separated
     * @param canonicalRequest the canonical request
     * @param stringToSign     the string to sign
     * @param signature        the hex signature
     */
    public record Signature(
            Map<String, String> headers,
            String signedHeaders,
            String canonicalRequest,
            String stringToSign,
            String signature) {
        public String authorization() {
            return headers.get("Authorization");
        }
    }

    /**
     * Signs a request.
     *
     * @param headers the headers to sign besides {@code host}, {@code x-amz-date} and {@code x-amz-security-token}
     *                (e.g. {@code content-type}); names in any case
     */
    public static Signature sign(
            String method,
            URI uri,
            Map<String, String> headers,
            byte[] payload,
            Credentials credentials,
            String region,
            String service,
            Instant time) {
        String amzDate = AMZ_DATE.format(time);
        String date = amzDate.substring(0, 8);
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), normalizeValue(value)));
        canonical.put("host", hostHeader(uri));
        canonical.put("x-amz-date", amzDate);
        String token = credentials.sessionToken();
        if (token != null && !token.isEmpty()) {
            canonical.put("x-amz-security-token", normalizeValue(token));
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        canonical.forEach((name, value) ->
                canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", canonical.keySet());
        String canonicalRequest = method.toUpperCase(Locale.ROOT)
                + '\n'
                + canonicalUri(uri.getRawPath())
                + '\n'
                + canonicalQuery(uri.getRawQuery())
                + '\n'
                + canonicalHeaders
                + '\n'
                + signedHeaders
                + '\n'
                + sha256Hex(payload == null ? new byte[0] : payload);
        String scope = date + '/' + region + '/' + service + "/aws4_request";
        String stringToSign = ALGORITHM
                + '\n'
                + amzDate
                + '\n'
                + scope
                + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = signingKey(credentials.secretAccessKey(), date, region, service);
        String signature = HEX.formatHex(hmac(key, stringToSign));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("x-amz-date", amzDate);
        if (token != null && !token.isEmpty()) {
            out.put("x-amz-security-token", token);
        }
        out.put(
                "Authorization",
                ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope + ", SignedHeaders="
                        + signedHeaders + ", Signature=" + signature);
        return new Signature(Map.copyOf(out), signedHeaders, canonicalRequest, stringToSign, signature);
    }

    /** The signing key for a secret, a date ({@code yyyyMMdd}), a region and a service. */
    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The {@code Host} header an HTTP client sends for the URI: the host, and the port unless it is the default. */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || "https".equalsIgnoreCase(uri.getScheme()) && port == 443
                || "http".equalsIgnoreCase(uri.getScheme()) && port == 80;
        return defaultPort ? host : host + ':' + port;
    }

    /** The path (as sent, percent-encoded) encoded once more, '/' kept; an empty path is {@code /}. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return uriEncode(rawPath, false);
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> parameters = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(new String[] {uriEncode(percentDecode(name), true), uriEncode(percentDecode(value), true)});
        }
        parameters.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : parameters) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /**
     * RFC 3986 percent-encoding as AWS defines it: unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) kept, every
     * other UTF-8 byte as {@code %XX} (upper-case hex); '/' kept unless {@code encodeSlash}.
     */
    public static String uriEncode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || c == '/' && !encodeSlash) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Decodes {@code %XX} escapes (a malformed escape is kept as is); '+' stays a plus. */
    private static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%'
                    && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0
                    && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 3;
            } else {
                int codePoint = value.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String normalizeValue(String value) {
        return value.strip().replaceAll(" {2,}", " ");
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
