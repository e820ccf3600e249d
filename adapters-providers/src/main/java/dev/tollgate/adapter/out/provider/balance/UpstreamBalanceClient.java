package dev.tollgate.adapter.out.provider.balance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tollgate.application.channel.port.out.UpstreamBalance;
import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.relay.port.out.UpstreamException;
import dev.tollgate.application.relay.port.out.UpstreamTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the credit left on a channel's upstream account from the provider's own balance endpoint, chosen by the
 * channel type:
 * <ul>
 *   <li>{@code openai}, {@code openai-compatible}: the classic billing endpoints,
 *       {@code /v1/dashboard/billing/subscription} ({@code hard_limit_usd}) less
 *       {@code /v1/dashboard/billing/usage} ({@code total_usage}, in US cents) over the last 100 days;</li>
 *   <li>{@code deepseek}: {@code /user/balance}, the first {@code balance_infos} entry;</li>
 *   <li>{@code siliconflow}: {@code /v1/user/info}, {@code data.totalBalance} in CNY;</li>
 *   <li>{@code openrouter}: {@code /api/v1/credits}, {@code total_credits} less {@code total_usage} in USD.</li>
 * </ul>
 * Any other type publishes no balance: the answer is empty and nothing is sent. Every request carries the channel's
 * key as a Bearer token; the key never appears in a message. Amounts are read as exact decimals, each answer is
 * read up to {@value #MAX_BODY_BYTES} bytes and each request (headers and body) must finish within the configured
 * time-out.
 */
public class UpstreamBalanceClient implements UpstreamBalancePort {
    /** Most bytes of an answer read (1 MiB). */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** How far back the OpenAI usage window reaches, as one-api does. */
    static final int OPENAI_USAGE_DAYS = 100;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * @param http           the client that sends the requests (its connect time-out and redirect policy apply)
     * @param requestTimeout longest time one request may take, from sending it to the last byte of the answer
     */
    public UpstreamBalanceClient(HttpClient http, Duration requestTimeout) {
        this(http, requestTimeout, Clock.systemUTC());
    }

    UpstreamBalanceClient(HttpClient http, Duration requestTimeout, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request time-out must be positive");
        }
    }

    @Override
    public Optional<UpstreamBalance> fetch(UpstreamTarget target) throws UpstreamException {
        Objects.requireNonNull(target, "target");
        String type = target.type();
        if (type == null) {
            return Optional.empty();
        }
        return switch (type) {
            case "openai", "openai-compatible" -> Optional.of(openAi(target));
            case "deepseek" -> Optional.of(deepSeek(target));
            case "siliconflow" -> Optional.of(siliconFlow(target));
            case "openrouter" -> Optional.of(openRouter(target));
            default -> Optional.empty();
        };
    }

    private UpstreamBalance openAi(UpstreamTarget target) throws UpstreamException {
        String root = root(target.baseUrl());
        String label = target.type() + " billing";
        JsonNode subscription = get(target, root + "/v1/dashboard/billing/subscription", label + " subscription");
        BigDecimal hardLimit = amount(subscription.get("hard_limit_usd"), label, "hard_limit_usd");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = today.minusDays(OPENAI_USAGE_DAYS);
        LocalDate end = today.plusDays(1);
        JsonNode usage = get(target, root + "/v1/dashboard/billing/usage?start_date=" + start + "&end_date=" + end,
                label + " usage");
        BigDecimal usedCents = amount(usage.get("total_usage"), label, "total_usage");
        return new UpstreamBalance("USD", hardLimit.subtract(usedCents.movePointLeft(2)),
                "openai:/v1/dashboard/billing");
    }

    private UpstreamBalance deepSeek(UpstreamTarget target) throws UpstreamException {
        String label = "deepseek balance";
        JsonNode answer = get(target, root(target.baseUrl()) + "/user/balance", label);
        JsonNode infos = answer.get("balance_infos");
        if (infos == null || !infos.isArray() || infos.isEmpty() || !infos.get(0).isObject()) {
            throw broken(label + " answer has no balance_infos entry");
        }
        JsonNode first = infos.get(0);
        return new UpstreamBalance(currency(first.get("currency"), label),
                amount(first.get("total_balance"), label, "balance_infos[0].total_balance"), "deepseek:/user/balance");
    }

    private UpstreamBalance siliconFlow(UpstreamTarget target) throws UpstreamException {
        String label = "siliconflow balance";
        JsonNode answer = get(target, root(target.baseUrl()) + "/v1/user/info", label);
        JsonNode data = answer.get("data");
        if (data == null || !data.isObject()) {
            throw broken(label + " answer has no data object");
        }
        return new UpstreamBalance("CNY", amount(data.get("totalBalance"), label, "data.totalBalance"),
                "siliconflow:/v1/user/info");
    }

    private UpstreamBalance openRouter(UpstreamTarget target) throws UpstreamException {
        String label = "openrouter balance";
        String root = root(target.baseUrl());
        if (root.endsWith("/api")) {
            root = root.substring(0, root.length() - "/api".length());
        }
        JsonNode answer = get(target, root + "/api/v1/credits", label);
        JsonNode data = answer.get("data");
        if (data == null || !data.isObject()) {
            throw broken(label + " answer has no data object");
        }
        BigDecimal credits = amount(data.get("total_credits"), label, "data.total_credits");
        BigDecimal used = amount(data.get("total_usage"), label, "data.total_usage");
        return new UpstreamBalance("USD", credits.subtract(used), "openrouter:/api/v1/credits");
    }

    /** The base URL without trailing slashes and without a trailing {@code /v1}. */
    static String root(String baseUrl) {
        String root = stripSlashes(baseUrl == null ? "" : baseUrl.trim());
        if (root.endsWith("/v1")) {
            root = stripSlashes(root.substring(0, root.length() - "/v1".length()));
        }
        return root;
    }

    private static String stripSlashes(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Sends one GET and returns its 2xx JSON object answer. {@code label} names the endpoint in messages. */
    private JsonNode get(UpstreamTarget target, String url, String label) throws UpstreamException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + target.apiKey())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            // Neither the URL nor the exception message is repeated: a base URL may carry credentials.
            throw new UpstreamException(UpstreamException.Kind.BROKEN,
                    "the base URL of channel " + target.channelId() + " is not a valid http(s) URL", null);
        }
        CompletableFuture<HttpResponse<Body>> pending = http.sendAsync(request, info -> new BoundedBody());
        HttpResponse<Body> response;
        try {
            response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UpstreamException(UpstreamException.Kind.TIMEOUT,
                    "no answer from the " + label + " endpoint of channel " + target.channelId() + " within "
                            + requestTimeout, e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), target, label);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw broken(label + " endpoint answered " + status);
        }
        Body body = response.body();
        if (body.truncated()) {
            throw broken(label + " endpoint answered more than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body.bytes());
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, label + " answer is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw broken(label + " answer is not a JSON object");
        }
        return root;
    }

    private static UpstreamException failure(Throwable cause, UpstreamTarget target, String label) {
        String where = "the " + label + " endpoint of channel " + target.channelId();
        if (cause instanceof HttpTimeoutException) {
            return new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer from " + where, cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnresolvedAddressException
                || cause != null && cause.getCause() instanceof ConnectException) {
            return new UpstreamException(UpstreamException.Kind.CONNECT, "cannot connect to " + where, cause);
        }
        return new UpstreamException(UpstreamException.Kind.CONNECT, "request to " + where + " failed: "
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()), cause);
    }

    /** An exact decimal from a JSON number or a decimal string. */
    private static BigDecimal amount(JsonNode node, String label, String field) throws UpstreamException {
        if (node != null && node.isNumber()) {
            if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
                throw broken(label + " answer has an inexact " + field);
            }
            return node.decimalValue();
        }
        if (node != null && node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN,
                        label + " answer has a non-numeric " + field, e);
            }
        }
        throw broken(label + " answer has no numeric " + field);
    }

    private static String currency(JsonNode node, String label) throws UpstreamException {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw broken(label + " answer has no currency");
        }
        return node.textValue().trim();
    }

    private static UpstreamException broken(String message) {
        return new UpstreamException(UpstreamException.Kind.BROKEN, message, null);
    }

    /** An answer body read up to {@link #MAX_BODY_BYTES}; {@code truncated} when the upstream sent more. */
    private record Body(byte[] bytes, boolean truncated) {
    }

    /** Collects at most {@link #MAX_BODY_BYTES} bytes, then stops reading (which drops the connection). */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<Body> {
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : items) {
                int room = MAX_BODY_BYTES - bytes.size();
                if (buffer.remaining() > room) {
                    subscription.cancel();
                    result.complete(new Body(bytes.toByteArray(), true));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(bytes.toByteArray(), false));
        }
    }
}
