package dev.tollgate.adapter.out.provider.balance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tollgate.adapter.out.provider.fetch.UpstreamJsonGet;
import dev.tollgate.application.channel.port.out.UpstreamBalance;
import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * read up to {@value UpstreamJsonGet#MAX_BODY_BYTES} bytes and each request (headers and body) must finish within the configured
 * time-out.
 */
public class UpstreamBalanceClient implements UpstreamBalancePort {
    /** How far back the OpenAI usage window reaches, as one-api does. */
    static final int OPENAI_USAGE_DAYS = 100;

    private final UpstreamJsonGet json;
    private final Clock clock;

    /**
     * @param http           the client that sends the requests (its connect time-out and redirect policy apply)
     * @param requestTimeout longest time one request may take, from sending it to the last byte of the answer
     */
    public UpstreamBalanceClient(HttpClient http, Duration requestTimeout) {
        this(http, requestTimeout, Clock.systemUTC());
    }

    UpstreamBalanceClient(HttpClient http, Duration requestTimeout, Clock clock) {
        this.json = new UpstreamJsonGet(
                http,
                requestTimeout,
                JsonMapper.builder()
                        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                        .build());
        this.clock = Objects.requireNonNull(clock, "clock");
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
        JsonNode usage = get(
                target,
                root + "/v1/dashboard/billing/usage?start_date=" + start + "&end_date=" + end,
                label + " usage");
        BigDecimal usedCents = amount(usage.get("total_usage"), label, "total_usage");
        return new UpstreamBalance(
                "USD", hardLimit.subtract(usedCents.movePointLeft(2)), "openai:/v1/dashboard/billing");
    }

    private UpstreamBalance deepSeek(UpstreamTarget target) throws UpstreamException {
        String label = "deepseek balance";
        JsonNode answer = get(target, root(target.baseUrl()) + "/user/balance", label);
        JsonNode infos = answer.get("balance_infos");
        if (infos == null
                || !infos.isArray()
                || infos.isEmpty()
                || !infos.get(0).isObject()) {
            throw broken(label + " answer has no balance_infos entry");
        }
        JsonNode first = infos.get(0);
        return new UpstreamBalance(
                currency(first.get("currency"), label),
                amount(first.get("total_balance"), label, "balance_infos[0].total_balance"),
                "deepseek:/user/balance");
    }

    private UpstreamBalance siliconFlow(UpstreamTarget target) throws UpstreamException {
        String label = "siliconflow balance";
        JsonNode answer = get(target, root(target.baseUrl()) + "/v1/user/info", label);
        JsonNode data = answer.get("data");
        if (data == null || !data.isObject()) {
            throw broken(label + " answer has no data object");
        }
        return new UpstreamBalance(
                "CNY", amount(data.get("totalBalance"), label, "data.totalBalance"), "siliconflow:/v1/user/info");
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

    /** One GET with the channel's key as a Bearer token. */
    private JsonNode get(UpstreamTarget target, String url, String label) throws UpstreamException {
        return json.get(target, url, label, Map.of("Authorization", "Bearer " + target.apiKey()));
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
                throw new UpstreamException(
                        UpstreamException.Kind.BROKEN, label + " answer has a non-numeric " + field, e);
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
        return UpstreamJsonGet.broken(message);
    }
}
