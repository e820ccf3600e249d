package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.adapter.in.web.idempotency.IdempotencyFilter;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.common.port.out.IdempotencyPort;
import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelaySink;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} on the relay's {@code POST /v1/*}: a retry with the same key and the same request, by the
 * same API key, within 24 hours gets the first answer back ({@code Idempotent-Replayed: true}) and is not sent upstream
 * nor charged again; while the first is still being answered, 409 with {@code Retry-After}; the same key with another
 * request, 422. A streamed answer cannot be replayed: a retry of one gets 409 {@code idempotent_stream_answered} (it
 * was delivered and charged once). An answer that failed with 5xx is not kept (the request may be retried). Only
 * requests that send the header pay the two small writes this costs.
 */
final class RelayIdempotency {
    static final String HEADER = "Idempotency-Key";

    private final IdempotencyUseCase records;
    private final OpenAiErrors errors;

    RelayIdempotency(IdempotencyUseCase records, OpenAiErrors errors) {
        this.records = records;
        this.errors = errors;
    }

    /** The request's key, checked; null when it sends none. */
    static String key(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return null;
        }
        key = key.trim();
        if (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new RelayException(
                    400,
                    "invalid_request_error",
                    "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 200 printable ASCII characters");
        }
        return key;
    }

    /** What to do with a keyed request: run it (with the claim to complete) or nothing more (answered already). */
    interface Run {
        void relay(RecordingSink sink) throws IOException;
    }

    /** Claims the key and runs the request, or answers from what the first request left. */
    void handle(
            AuthenticatedKey caller,
            String key,
            HttpServletRequest request,
            byte[] body,
            HttpServletResponse response,
            RelaySink sink,
            Run run)
            throws IOException {
        String scope = "relay-key:" + caller.key().id();
        IdempotencyPort.Claim claim = records.claim(scope, key, hash(request, body));
        switch (claim.outcome()) {
            case REPLAY -> IdempotencyFilter.replay(claim.answer(), response);
            case MISMATCH ->
                errors.write(
                        response,
                        new RelayException(
                                422,
                                "invalid_request_error",
                                "idempotency_key_reused",
                                "this Idempotency-Key was used for a different request"));
            case IN_PROGRESS ->
                errors.write(
                        response,
                        new RelayException(
                                409,
                                "invalid_request_error",
                                "idempotency_key_in_progress",
                                "a request with this Idempotency-Key is still being answered; " + "retry shortly",
                                1L));
            case NEW -> {
                RecordingSink recording = new RecordingSink(sink);
                boolean kept = false;
                try {
                    run.relay(recording);
                    records.complete(scope, key, recording.answer());
                    kept = true;
                } catch (RelayException e) {
                    if (e.status() < 500) {
                        records.complete(
                                scope,
                                key,
                                new IdempotencyPort.StoredAnswer(e.status(), "application/json", errors.body(e)));
                        kept = true;
                    }
                    throw e;
                } finally {
                    if (!kept) {
                        records.abandon(scope, key);
                    }
                }
            }
        }
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes the answer on and keeps a whole (non-streamed) one to be replayed. */
    static final class RecordingSink implements RelaySink {
        private final RelaySink sink;
        private IdempotencyPort.StoredAnswer answer;
        private boolean streamed;

        RecordingSink(RelaySink sink) {
            this.sink = sink;
        }

        IdempotencyPort.StoredAnswer answer() {
            if (streamed || answer == null) {
                return new IdempotencyPort.StoredAnswer(
                        409,
                        "application/json",
                        ("{\"error\":{\"message\":\"the "
                                        + "request with this Idempotency-Key was answered as a stream, which cannot be replayed; it "
                                        + "was delivered and charged once\",\"type\":\"invalid_request_error\",\"param\":null,"
                                        + "\"code\":\"idempotent_stream_answered\"}}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            return answer;
        }

        @Override
        public void sendJson(int status, byte[] body) {
            answer = new IdempotencyPort.StoredAnswer(status, "application/json", body);
            sink.sendJson(status, body);
        }

        @Override
        public void sendBody(int status, String contentType, byte[] body) {
            answer = new IdempotencyPort.StoredAnswer(status, contentType, body);
            sink.sendBody(status, contentType, body);
        }

        @Override
        public void startBinary(String contentType) {
            streamed = true;
            sink.startBinary(contentType);
        }

        @Override
        public void sendBytes(byte[] bytes) {
            sink.sendBytes(bytes);
        }

        @Override
        public void startStream() {
            streamed = true;
            sink.startStream();
        }

        @Override
        public void sendEvent(byte[] data) {
            sink.sendEvent(data);
        }

        @Override
        public void sendNamedEvent(String event, byte[] data) {
            sink.sendNamedEvent(event, data);
        }

        @Override
        public void sendComment(byte[] text) {
            sink.sendComment(text);
        }

        @Override
        public void sendDone() {
            sink.sendDone();
        }
    }
}
