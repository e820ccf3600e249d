package dev.tollgate.adapter.out.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.out.provider.fetch.InternalAddresses;
import dev.tollgate.application.notification.port.out.NotificationEvent;
import dev.tollgate.application.notification.port.out.WebhookDeliveryPort;
import dev.tollgate.application.notification.port.out.WebhookPort;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts notification events to webhooks. The body is JSON ({@code id}, {@code type}, {@code timestamp} in epoch seconds,
 * {@code organizationId}, {@code data}); {@code X-Tollgate-Signature: sha256=<hex>} is the HMAC-SHA256 of the exact
 * body with the webhook's secret, and {@code X-Tollgate-Timestamp} repeats the body's timestamp, so a receiver that
 * checks the signature and refuses old timestamps refuses replays.
 *
 * <p>SSRF: only {@code http(s)} URLs without credentials; the host is resolved once and every address must be public
 * (no loopback, private, link-local, metadata…) unless the host is one the operator allowed
 * ({@code tollgate.notifications.webhook-hosts-allowed}; metadata addresses never); the connection goes to the address
 * that was checked (no second lookup, no DNS rebinding), TLS verifying the host name. Redirects are not followed.
 */
public class SignedWebhookSender implements WebhookDeliveryPort {
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> allowedHosts;
    private final Duration timeout;

    public SignedWebhookSender(Collection<String> allowedHosts, Duration timeout) {
        this.allowedHosts =
                allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.timeout = timeout;
    }

    private record Checked(URI uri, String host, int port, boolean tls, InetAddress address) {}

    @Override
    public Optional<String> refusal(String url) {
        try {
            check(url);
            return Optional.empty();
        } catch (RefusedUrl e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void deliver(WebhookPort.Target target, NotificationEvent event) {
        Checked checked = check(target.url());
        byte[] body = body(event);
        String signature = "sha256=" + HEX.formatHex(hmac(target.secret(), body));
        try (Socket socket = connect(checked)) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            String path = checked.uri().getRawPath() == null
                            || checked.uri().getRawPath().isEmpty()
                    ? "/"
                    : checked.uri().getRawPath();
            if (checked.uri().getRawQuery() != null) {
                path = path + "?" + checked.uri().getRawQuery();
            }
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: " + hostHeader(checked) + "\r\n"
                    + "User-Agent: Tollgate-Webhook\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "X-Tollgate-Event: " + event.type() + "\r\n"
                    + "X-Tollgate-Delivery: " + event.id() + "\r\n"
                    + "X-Tollgate-Timestamp: " + event.at().getEpochSecond() + "\r\n"
                    + "X-Tollgate-Signature: " + signature + "\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            int status = status(socket.getInputStream());
            if (status < 200 || status > 299) {
                throw new IllegalStateException("webhook " + target.id() + " answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("webhook " + target.id() + " not reached: " + e.getMessage(), e);
        }
    }

    private byte[] body(NotificationEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("timestamp", event.at().getEpochSecond());
        body.put("organizationId", event.organizationId());
        body.put("data", event.data());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification event not serialisable", e);
        }
    }

    static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private Checked check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedUrl("the webhook URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrl("the webhook URL must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new RefusedUrl("the webhook URL needs a host and may carry no credentials or fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (InternalAddresses.isCloudMetadataName(bare)) {
            throw new RefusedUrl("the webhook host " + host + " is a cloud metadata service");
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            throw new RefusedUrl("the webhook host " + host + " does not resolve");
        }
        boolean allowed = allowedHosts.contains(bare);
        for (InetAddress a : addresses) {
            if (InternalAddresses.isCloudMetadata(a) || (!allowed && InternalAddresses.isInternal(a))) {
                throw new RefusedUrl("the webhook host " + host
                        + " is, or resolves to, a loopback, private, link-local or otherwise internal address");
            }
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        return new Checked(uri, bare, port, tls, addresses.getFirst());
    }

    private Socket connect(Checked c) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(c.address(), c.port()), millis);
            plain.setSoTimeout(millis);
            if (!c.tls()) {
                return plain;
            }
            SSLSocket tls = (SSLSocket)
                    ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, c.host(), c.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!c.host().contains(":")
                    && !Character.isDigit(c.host().charAt(c.host().length() - 1))) {
                parameters.setServerNames(List.of(new SNIHostName(c.host())));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static String hostHeader(Checked c) {
        String host = c.host().contains(":") ? "[" + c.host() + "]" : c.host();
        boolean defaultPort = c.port() == (c.tls() ? 443 : 80);
        return defaultPort ? host : host + ":" + c.port();
    }

    /** The status code of the answer's status line ({@code HTTP/1.1 204 No Content}). */
    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && line.length() < 200) {
            line.append((char) b);
        }
        String[] parts = line.toString().trim().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + parts[1], e);
        }
    }

    /** A URL that may not be a webhook. */
    private static final class RefusedUrl extends RuntimeException {
        RefusedUrl(String message) {
            super(message);
        }
    }
}
