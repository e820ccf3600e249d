package dev.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded fuzzer of Tollgate's HTTP surface (issue 20): it sends mutated requests to the relay ({@code /v1/*}, with a
 * working key) and to the admin API ({@code /api/v1/*}, with an admin's bearer token) over raw sockets, so that it can
 * also send what no HTTP client library would: invalid UTF-8, duplicate keys, wrong or missing content types,
 * truncated bodies, chunked bodies and slow senders. Every answer must be a success or a 4xx in the surface's shape
 * (OpenAI's {@code {"error":{...}}} on /v1, RFC 9457 problem+json with a {@code code} on /api), come within a time
 * limit, and never be a 500. The same seed sends the same requests.
 *
 * <p>Used by {@code FuzzEndToEndTest} (a short fixed-seed pass) and by {@code bench/fuzz.sh} (a long pass against a
 * running Tollgate or the cluster), which runs this file with the source launcher:
 * {@code java -cp <jackson jars> HttpFuzzer.java HOST PORT RELAY_KEY ADMIN_TOKEN MODEL SEED SECONDS}.
 */
public final class HttpFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);

    enum Surface {
        RELAY,
        API
    }

    /** One endpoint with a valid request the mutations start from ({@code body} null: a GET). */
    record Target(String method, String path, Surface surface, String body, boolean charged) {}

    /** A request and what it got, when the answer breaks the rules. */
    record Finding(String what, int status, String request, String answer) {
        @Override
        public String toString() {
            return what + " (status " + status + ")\n  request: " + request + "\n  answer: " + answer;
        }
    }

    /** What a pass sent and got. {@code chargedSuccesses}: 2xx answers of endpoints that are charged. */
    record Report(int sent, Map<Integer, Integer> statuses, int chargedSuccesses, List<Finding> findings) {}

    private record Answer(int status, String contentType, byte[] body, boolean closedWithoutAnswer) {}

    private final String host;
    private final int port;
    private final String relayKey;
    private final String adminToken;
    private final List<Target> targets;
    private final Random random;

    HttpFuzzer(String host, int port, String relayKey, String adminToken, List<Target> targets, long seed) {
        this.host = host;
        this.port = port;
        this.relayKey = relayKey;
        this.adminToken = adminToken;
        this.targets = targets;
        this.random = new Random(seed);
    }

    /** The endpoints fuzzed by default: {@code model} is priced and served by a working upstream. */
    static List<Target> defaultTargets(String model) {
        String m = "\"model\":\"" + model + "\"";
        return List.of(
                new Target(
                        "POST",
                        "/v1/chat/completions",
                        Surface.RELAY,
                        "{" + m + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":16}",
                        true),
                new Target(
                        "POST",
                        "/v1/chat/completions",
                        Surface.RELAY,
                        "{" + m + ",\"stream\":true,"
                                + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\","
                                + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],\"temperature\":0.5}",
                        true),
                new Target(
                        "POST",
                        "/v1/completions",
                        Surface.RELAY,
                        "{" + m + ",\"prompt\":\"hi\",\"max_tokens\":8}",
                        true),
                new Target("POST", "/v1/embeddings", Surface.RELAY, "{" + m + ",\"input\":[\"a\",\"b\"]}", true),
                new Target(
                        "POST",
                        "/v1/responses",
                        Surface.RELAY,
                        "{" + m + ",\"input\":\"hi\"," + "\"max_output_tokens\":16}",
                        true),
                new Target(
                        "POST",
                        "/v1/messages",
                        Surface.RELAY,
                        "{" + m + ",\"max_tokens\":16," + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        true),
                new Target("GET", "/v1/models", Surface.RELAY, null, false),
                new Target(
                        "POST",
                        "/api/v1/tokens",
                        Surface.API,
                        "{\"name\":\"fuzz\",\"quota\":1000," + "\"models\":[\"" + model
                                + "\"],\"subnets\":[\"127.0.0.0/8\"],\"rpm\":60}",
                        false),
                new Target(
                        "POST",
                        "/api/v1/channels",
                        Surface.API,
                        "{\"name\":\"fuzz\",\"type\":\"openai\","
                                + "\"baseUrl\":\"http://127.0.0.1:9\",\"keys\":[\"sk-fuzz\"],\"models\":[\"fuzz-nowhere\"],"
                                + "\"modelMapping\":{},\"groups\":[\"fuzz-group\"],\"priority\":0,\"weight\":1,"
                                + "\"maxConcurrency\":null}",
                        false),
                new Target("PUT", "/api/v1/prices/fuzz-priced", Surface.API, "{\"input\":1000,\"output\":2000}", false),
                new Target("POST", "/api/v1/organizations", Surface.API, "{\"name\":\"fuzz-org\"}", false),
                new Target(
                        "POST",
                        "/api/v1/redemption-codes",
                        Surface.API,
                        "{\"name\":\"fuzz\",\"quota\":10,\"count\":1}",
                        false),
                new Target("POST", "/api/v1/redemptions", Surface.API, "{\"code\":\"not-a-code\"}", false),
                new Target(
                        "POST",
                        "/api/v1/auth/login",
                        Surface.API,
                        "{\"username\":\"fuzz-nobody\",\"password\":\"not-the-password\"}",
                        false),
                new Target("GET", "/api/v1/usage?page=0&size=5", Surface.API, null, false),
                new Target("GET", "/api/v1/ledger?size=5", Surface.API, null, false));
    }

    /** Sends {@code requests} fuzzed requests, one at a time. */
    Report run(int requests) {
        return run(requests, Duration.ofDays(1));
    }

    /** Sends fuzzed requests until {@code requests} are sent or {@code time} has passed. */
    Report run(int requests, Duration time) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        int charged = 0;
        int sent = 0;
        long deadline = System.nanoTime() + time.toNanos();
        while (sent < requests && System.nanoTime() < deadline) {
            Target target = targets.get(random.nextInt(targets.size()));
            Request request = mutate(target);
            Answer answer = send(request);
            sent++;
            statuses.merge(answer.status(), 1, Integer::sum);
            String problem = judge(target, request, answer);
            if (problem != null) {
                findings.add(new Finding(
                        problem,
                        answer.status(),
                        request.describe(),
                        abbreviate(new String(answer.body(), StandardCharsets.UTF_8))));
            } else if (target.charged() && answer.status() / 100 == 2) {
                charged++;
            }
        }
        return new Report(sent, statuses, charged, findings);
    }

    /** What is wrong with this answer, or null. */
    private static String judge(Target target, Request request, Answer answer) {
        if (answer.status() == -1) {
            return "no answer within " + ANSWER_LIMIT.toSeconds() + " s (a hang)";
        }
        if (answer.closedWithoutAnswer()) {
            // a body cut short by the client's half-close may be dropped without an answer; anything else is a bug
            return request.truncated() ? null : "the connection closed without an answer";
        }
        int s = answer.status();
        if (s >= 500) {
            return "a server error";
        }
        if (s / 100 == 2) {
            return null;
        }
        if (s / 100 != 4) {
            return "neither a success nor a client error";
        }
        if (request.truncated()) {
            return null; // a body shorter than its Content-Length is broken HTTP framing: the container answers it
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "a client error whose body is not JSON";
        }
        if (target.surface() == Surface.RELAY) {
            boolean shaped = json != null
                    && json.path("error").path("message").isTextual()
                    && json.path("error").path("type").isTextual();
            return shaped && answer.contentType().contains("json") ? null : "not OpenAI's error shape";
        }
        boolean problem = answer.contentType().startsWith("application/problem+json")
                && json != null
                && json.path("status").asInt() == s
                && json.path("code").isTextual();
        return problem ? null : "not problem+json with a code";
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    private enum Transport {
        NORMAL,
        CHUNKED,
        TRUNCATED,
        SLOW
    }

    private record Request(
            String method,
            String path,
            String contentType,
            String authorization,
            byte[] body,
            Transport transport,
            String mutation) {
        boolean truncated() {
            return transport == Transport.TRUNCATED;
        }

        String describe() {
            return method + " " + path + " [" + mutation + ", " + transport + ", Content-Type: " + contentType
                    + (authorization == null ? ", no credentials" : "") + "] "
                    + abbreviate(new String(body, StandardCharsets.UTF_8));
        }
    }

    private Request mutate(Target target) {
        String credential = target.surface() == Surface.RELAY ? relayKey : adminToken;
        String authorization = "Bearer " + credential;
        int authRoll = random.nextInt(40);
        if (authRoll == 0) {
            authorization = null;
        } else if (authRoll == 1) {
            authorization = "Bearer " + credential.substring(0, credential.length() / 2) + "\u00e9";
        }
        if (target.body() == null) {
            String path = target.path();
            if (random.nextBoolean()) {
                path = path + (path.contains("?") ? "&" : "?") + queryMutation();
            }
            return new Request(target.method(), path, null, authorization, new byte[0], Transport.NORMAL, "query");
        }
        String mutation;
        byte[] body;
        int roll = random.nextInt(100);
        if (roll < 8) {
            mutation = "valid";
            body = target.body().getBytes(StandardCharsets.UTF_8);
        } else if (roll < 55) {
            mutation = "value";
            body = mutateValues(target.body());
        } else if (roll < 85) {
            mutation = "bytes";
            body = mutateBytes(target.body().getBytes(StandardCharsets.UTF_8));
        } else {
            mutation = "whole";
            body = wholeBody();
        }
        Transport transport = switch (random.nextInt(20)) {
            case 0, 1 -> Transport.CHUNKED;
            case 2 -> Transport.TRUNCATED;
            case 3 -> Transport.SLOW;
            default -> Transport.NORMAL;
        };
        return new Request(target.method(), target.path(), contentType(), authorization, body, transport, mutation);
    }

    private String contentType() {
        return switch (random.nextInt(24)) {
            case 0 -> null;
            case 1 -> "text/plain";
            case 2 -> "application/x-www-form-urlencoded";
            case 3 -> "multipart/form-data";
            case 4 -> "multipart/form-data; boundary=fuzz";
            case 5 -> "application/json; charset=ISO-8859-1";
            case 6 -> "application/json; charset=UTF-16";
            case 7 -> "application/json; charset=nonsense";
            case 8 -> "a/b/c";
            case 9 -> "application/problem+json";
            case 10 -> "application/xml";
            default -> "application/json";
        };
    }

    private String queryMutation() {
        String[] names = {"page", "size", "organizationId", "tokenId", "from", "to", "at", "cursor", "model"};
        String[] values = {
            "-1",
            "0",
            "2147483648",
            "99999999999999999999",
            "1e3",
            "abc",
            "",
            "%00",
            "%FF%FE",
            "2026-13-45T99:00:00Z",
            "null",
            "x".repeat(5000),
            "%E2%82",
            "NaN"
        };
        return names[random.nextInt(names.length)] + "=" + values[random.nextInt(values.length)];
    }

    private byte[] mutateValues(String valid) {
        ObjectNode node;
        try {
            node = (ObjectNode) JSON.readTree(valid);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int edits = 1 + random.nextInt(3);
        String text = null;
        for (int i = 0; i < edits; i++) {
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            if (fields.isEmpty()) {
                break;
            }
            String field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(6)) {
                case 0 -> node.remove(field);
                case 1 -> node.set("fuzz_" + random.nextInt(1000), node.get(field));
                default -> {
                    String raw = oddValue();
                    text = replaceValue(node, field, raw);
                }
            }
            if (text != null) {
                break; // the raw value may no longer be JSON a tree can hold: stop editing the tree
            }
        }
        String result = text != null ? text : node.toString();
        if (random.nextInt(6) == 0) { // a duplicate key: the first field again, with another value
            Iterator<String> names = node.fieldNames();
            if (names.hasNext()) {
                result = "{\"" + names.next() + "\":" + oddValue() + "," + result.substring(1);
            }
        }
        return result.getBytes(StandardCharsets.UTF_8);
    }

    private static String replaceValue(ObjectNode node, String field, String raw) {
        ObjectNode copy = node.deepCopy();
        copy.put(field, "\u0000FUZZ\u0000");
        return copy.toString().replace("\"\\u0000FUZZ\\u0000\"", raw);
    }

    private String oddValue() {
        return switch (random.nextInt(22)) {
            case 0 -> "1e400";
            case 1 -> "-1e400";
            case 2 -> "99999999999999999999999999999999";
            case 3 -> "-9223372036854775808";
            case 4 -> "9223372036854775807";
            case 5 -> "-1";
            case 6 -> "0.5";
            case 7 -> "NaN";
            case 8 -> "true";
            case 9 -> "null";
            case 10 -> "[]";
            case 11 -> "{}";
            case 12 -> "\"" + "x".repeat(1 + random.nextInt(300_000)) + "\"";
            case 13 -> "[".repeat(depth()) + "]".repeat(depth);
            case 14 -> "{\"a\":".repeat(depth()) + "1" + "}".repeat(depth);
            case 15 -> "\"\\ud800\"";
            case 16 -> "\"\\u0000\"";
            case 17 -> "[" + "1,".repeat(50_000) + "1]";
            case 18 -> "\"sk-" + "é".repeat(50) + "\"";
            case 19 -> "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":1}}]}]";
            case 20 -> "[{\"role\":1,\"content\":null}]";
            default -> "\"\"";
        };
    }

    private int depth;

    private int depth() {
        depth = switch (random.nextInt(3)) {
            case 0 -> 50 + random.nextInt(100);
            case 1 -> 900 + random.nextInt(300);
            default -> 5_000 + random.nextInt(50_000);
        };
        return depth;
    }

    private byte[] mutateBytes(byte[] valid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(6)) {
            case 0 -> out.write(valid, 0, random.nextInt(valid.length)); // cut short
            case 1 -> { // invalid UTF-8 inside a string
                int at = indexOfQuote(valid);
                out.write(valid, 0, at + 1);
                byte[][] bad = {
                    {(byte) 0xC3, 0x28},
                    {(byte) 0xFF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    {(byte) 0xC0, (byte) 0xAF}
                };
                out.writeBytes(bad[random.nextInt(bad.length)]);
                out.write(valid, at + 1, valid.length - at - 1);
            }
            case 2 -> { // random bytes flipped
                byte[] copy = valid.clone();
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                out.writeBytes(copy);
            }
            case 3 -> { // a byte order mark, or a UTF-16 body
                if (random.nextBoolean()) {
                    out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                    out.writeBytes(valid);
                } else {
                    out.writeBytes(new String(valid, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
                }
            }
            case 4 -> { // trailing garbage or a second document
                out.writeBytes(valid);
                out.writeBytes(random.nextBoolean() ? "}}]]".getBytes(StandardCharsets.UTF_8) : valid);
            }
            default -> { // comments, single quotes, trailing commas: not JSON
                String s = new String(valid, StandardCharsets.UTF_8);
                String[] forms = {s.replace("\"", "'"), s.replace("}", ",}"), "/* c */" + s, s.replace(":", " : // x\n")
                };
                out.writeBytes(forms[random.nextInt(forms.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static int indexOfQuote(byte[] b) {
        for (int i = b.length - 2; i >= 0; i--) {
            if (b[i] == '"') {
                return i - 1 > 0 ? i - 1 : 0;
            }
        }
        return 0;
    }

    private byte[] wholeBody() {
        String[] bodies = {
            "",
            "null",
            "[]",
            "42",
            "\"text\"",
            "{",
            "}",
            "{}",
            "[{}]",
            "true",
            "{\"model\":null}",
            "{\"model\":{}}",
            "{\"model\":[\"a\"]}",
            "\u0000\u0000",
            "{" + "\"k\":1,".repeat(20_000) + "\"k\":2}",
            "[".repeat(100_000)
        };
        return bodies[random.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8);
    }

    // ---- the raw HTTP/1.1 exchange ----------------------------------------------------------------------------

    private Answer send(Request request) {
        long deadline = System.nanoTime() + ANSWER_LIMIT.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout((int) ANSWER_LIMIT.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(request.method())
                    .append(' ')
                    .append(request.path())
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append("\r\nConnection: close\r\nAccept: */*\r\n");
            if (request.authorization() != null) {
                head.append("Authorization: ").append(request.authorization()).append("\r\n");
            }
            if (request.contentType() != null) {
                head.append("Content-Type: ").append(request.contentType()).append("\r\n");
            }
            byte[] body = request.body();
            boolean hasBody = body.length > 0 || !"GET".equals(request.method());
            try {
                switch (request.transport()) {
                    case CHUNKED -> {
                        head.append("Transfer-Encoding: chunked\r\n\r\n");
                        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                        int at = 0;
                        while (at < body.length) {
                            int n = Math.min(body.length - at, 1 + random.nextInt(4096));
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body, at, n);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            at += n;
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    case TRUNCATED -> {
                        int claimed = body.length + 1 + random.nextInt(1000);
                        head.append("Content-Length: ").append(claimed).append("\r\n\r\n");
                        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                        out.write(body);
                        out.flush();
                        socket.shutdownOutput();
                    }
                    case SLOW -> {
                        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
                        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                        int pieces = 5;
                        for (int i = 0; i < pieces; i++) {
                            int from = body.length * i / pieces;
                            int to = body.length * (i + 1) / pieces;
                            out.write(body, from, to - from);
                            out.flush();
                            Thread.sleep(150);
                        }
                    }
                    case NORMAL -> {
                        if (hasBody) {
                            head.append("Content-Length: ").append(body.length).append("\r\n");
                        }
                        head.append("\r\n");
                        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                        out.write(body);
                    }
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 400) and close before the whole body is sent: read what it said
            }
            return read(socket.getInputStream(), deadline);
        } catch (SocketTimeoutException e) {
            return new Answer(-1, "", new byte[0], false);
        } catch (IOException e) {
            return new Answer(0, "", ("I/O: " + e).getBytes(StandardCharsets.UTF_8), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer read(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
                if (System.nanoTime() > deadline) {
                    return new Answer(-1, "", new byte[0], false);
                }
            }
        } catch (IOException e) {
            if (e instanceof SocketTimeoutException) {
                throw e;
            }
            // a reset after the answer was written still leaves the answer
        }
        byte[] raw = all.toByteArray();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, "", raw, true);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String contentType = "";
        boolean chunked = false;
        for (String line : text.substring(0, end).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = lower.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Answer(status, contentType, chunked ? dechunk(body) : body, false);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = at;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0 || lineEnd + 2 + size > body.length) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "… (" + flat.length() + " chars)";
    }

    /** {@code HOST PORT RELAY_KEY ADMIN_TOKEN MODEL SEED SECONDS [MAX_REQUESTS]}: exits 1 when anything is found. */
    public static void main(String[] args) {
        if (args.length < 7) {
            System.err.println("usage: HttpFuzzer HOST PORT RELAY_KEY ADMIN_TOKEN MODEL SEED SECONDS [MAX_REQUESTS]");
            System.exit(2);
        }
        HttpFuzzer fuzzer = new HttpFuzzer(
                args[0], Integer.parseInt(args[1]), args[2], args[3], defaultTargets(args[4]), Long.parseLong(args[5]));
        int max = args.length > 7 ? Integer.parseInt(args[7]) : Integer.MAX_VALUE;
        Report report = fuzzer.run(max, Duration.ofSeconds(Long.parseLong(args[6])));
        System.out.println("sent " + report.sent() + "; statuses " + report.statuses() + "; charged successes "
                + report.chargedSuccesses() + "; findings " + report.findings().size());
        report.findings().stream().limit(50).forEach(System.out::println);
        System.exit(report.findings().isEmpty() ? 0 : 1);
    }
}
