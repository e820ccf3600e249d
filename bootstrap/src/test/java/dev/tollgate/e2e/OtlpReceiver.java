package dev.tollgate.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A local OTLP/HTTP traces endpoint ({@code POST /v1/traces}, {@code application/x-protobuf}): decodes each
 * {@code ExportTraceServiceRequest} with a small protobuf wire-format reader (the fields of
 * opentelemetry-proto's trace.proto that the tests look at) and keeps the spans.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One received span: ids in lower-case hex (parent empty for a root), attributes as strings. */
    record ReceivedSpan(
            String traceId, String spanId, String parentSpanId, String name, int kind, Map<String, String> attributes) {
        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/traces", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            InputStream in = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            byte[] body = in.readAllBytes();
            try {
                exportRequest(new Reader(body));
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                throw e;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; } */
    private void exportRequest(Reader r) {
        while (r.more()) {
            int tag = r.varint32();
            if (tag >>> 3 == 1) {
                resourceSpans(r.message());
            } else {
                r.skip(tag);
            }
        }
    }

    /** ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; } */
    private void resourceSpans(Reader r) {
        while (r.more()) {
            int tag = r.varint32();
            if (tag >>> 3 == 2) {
                scopeSpans(r.message());
            } else {
                r.skip(tag);
            }
        }
    }

    /** ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; } */
    private void scopeSpans(Reader r) {
        while (r.more()) {
            int tag = r.varint32();
            if (tag >>> 3 == 2) {
                spans.add(span(r.message()));
            } else {
                r.skip(tag);
            }
        }
    }

    /** Span { trace_id = 1; span_id = 2; parent_span_id = 4; name = 5; kind = 6; repeated KeyValue attributes = 9; } */
    private static ReceivedSpan span(Reader r) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        while (r.more()) {
            int tag = r.varint32();
            switch (tag >>> 3) {
                case 1 -> traceId = hex.formatHex(r.bytes());
                case 2 -> spanId = hex.formatHex(r.bytes());
                case 4 -> parent = hex.formatHex(r.bytes());
                case 5 -> name = r.string();
                case 6 -> kind = (int) r.varint();
                case 9 -> keyValue(r.message(), attributes);
                default -> r.skip(tag);
            }
        }
        return new ReceivedSpan(traceId, spanId, parent, name, kind, attributes);
    }

    /** KeyValue { string key = 1; AnyValue value = 2; } */
    private static void keyValue(Reader r, Map<String, String> into) {
        String key = null;
        String value = null;
        while (r.more()) {
            int tag = r.varint32();
            if (tag >>> 3 == 1) {
                key = r.string();
            } else if (tag >>> 3 == 2) {
                value = anyValue(r.message());
            } else {
                r.skip(tag);
            }
        }
        if (key != null) {
            into.put(key, value);
        }
    }

    /** AnyValue { oneof: string_value = 1; bool_value = 2; int_value = 3; double_value = 4; ... } */
    private static String anyValue(Reader r) {
        String value = null;
        while (r.more()) {
            int tag = r.varint32();
            switch (tag >>> 3) {
                case 1 -> value = r.string();
                case 2 -> value = Boolean.toString(r.varint() != 0);
                case 3 -> value = Long.toString(r.varint());
                case 4 -> value = Double.toString(Double.longBitsToDouble(r.fixed64()));
                default -> r.skip(tag);
            }
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The protobuf wire format: varints, fixed 32/64-bit values and length-delimited fields. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        private Reader(byte[] data, int from, int end) {
            this.data = data;
            this.pos = from;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        int varint32() {
            return (int) varint();
        }

        long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (data[pos++] & 0xff) << (8 * i);
            }
            return v;
        }

        byte[] bytes() {
            int length = varint32();
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int length = varint32();
            if (length < 0 || pos + length > end) {
                throw new IllegalArgumentException("length beyond the message");
            }
            Reader inner = new Reader(data, pos, pos + length);
            pos += length;
            return inner;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int length = varint32(); // read before adding: pos += varint32() would add to the old pos
                    pos += length;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + (tag & 7));
            }
        }
    }

    /** Spans of one trace, by name. */
    List<ReceivedSpan> trace(String traceId) {
        List<ReceivedSpan> out = new ArrayList<>();
        for (ReceivedSpan s : spans) {
            if (s.traceId().equals(traceId)) {
                out.add(s);
            }
        }
        return out;
    }
}
