package dev.tollgate.adapter.out.provider;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Flow;

/**
 * HTTP/1.1 on the wire for {@link BlockingHttp1}: a request's head and body as bytes, and an answer's head read line
 * by line within {@link #MAX_HEAD_BYTES}. No I/O of its own beyond the streams it is given.
 */
final class Http1Wire {
    /** The largest answer head read (status line and headers); a larger one fails the exchange. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private Http1Wire() {}

    static byte[] head(HttpRequest request, String host, int port, boolean tls) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host);
        if (port != (tls ? 443 : 80)) {
            head.append(':').append(port);
        }
        head.append("\r\n");
        request.headers().map().forEach((name, values) -> {
            for (String value : values) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("Content-Length: ")
                .append(request.bodyPublisher().map(p -> p.contentLength()).orElse(0L))
                .append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request's body: the publisher's buffers, taken at once (a byte-array publisher hands them over on request). */
    static byte[] body(HttpRequest request) throws IOException {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, publisher.contentLength()));
        IOException[] failure = new IOException[1];
        boolean[] complete = new boolean[1];
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                failure[0] = new IOException("the request body could not be read", throwable);
            }

            @Override
            public void onComplete() {
                complete[0] = true;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        if (!complete[0]) {
            throw new IOException("the request body is not available at once");
        }
        return out.toByteArray();
    }

    /** A response head: status and headers. */
    record Head(int status, Map<String, List<String>> headers) {
        String first(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    static Head readHead(InputStream in, int first) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String statusLine = line(in, first, budget);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer");
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + statusLine.substring(9, 12), e);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (true) {
            String line = line(in, in.read(), budget);
            if (line.isEmpty()) {
                return new Head(status, headers);
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(line.substring(colon + 1).trim());
            }
        }
    }

    static String line(InputStream in, int first, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b = first;
        while (b != '\n') {
            if (b < 0) {
                throw new EOFException("the answer's head ended early");
            }
            if (--budget[0] < 0) {
                throw new IOException("the answer's head is larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b != '\r') {
                line.append((char) b);
            }
            b = in.read();
        }
        return line.toString();
    }
}
