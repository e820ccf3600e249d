package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.KeyBalance;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;

/**
 * OpenAI's old billing endpoints, which chat front ends call to show a key's balance: {@code
 * /dashboard/billing/subscription} and {@code /dashboard/billing/usage} (also under {@code /v1}).
 */
final class KeyBalanceEndpoints {
    private static final long UNITS_PER_USD = 500_000;
    private static final double UNLIMITED_USD = 100_000_000;

    private final RelayUseCase relay;
    private final ObjectMapper mapper;
    private final OpenAiErrors errors;
    private final Function<HttpServletRequest, ApiCredentials> credentials;

    KeyBalanceEndpoints(
            RelayUseCase relay,
            ObjectMapper mapper,
            OpenAiErrors errors,
            Function<HttpServletRequest, ApiCredentials> credentials) {
        this.relay = relay;
        this.mapper = mapper;
        this.errors = errors;
        this.credentials = credentials;
    }

    /**
     * OpenAI's old billing endpoints, which chat front ends call to show a key's balance: the hard limit is the
     * key's quota in US dollars (500,000 units = 1 USD), a very large number for an unlimited key.
     */
    public void subscription(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            KeyBalance balance = relay.balance(credentials.apply(request));
            double limitUsd = balance.unlimited() ? UNLIMITED_USD : balance.quota() / (double) UNITS_PER_USD;
            RelayHttpHandler.writeJson(
                    mapper,
                    response,
                    mapper.createObjectNode()
                            .put("object", "billing_subscription")
                            .put("has_payment_method", true)
                            .put("soft_limit_usd", limitUsd)
                            .put("hard_limit_usd", limitUsd)
                            .put("system_hard_limit_usd", limitUsd)
                            .put(
                                    "access_until",
                                    balance.expiresAt() == null
                                            ? 0
                                            : balance.expiresAt().getEpochSecond()));
        } catch (RelayException e) {
            errors.write(response, e);
        }
    }

    /** Spending of the key so far, in US cents as OpenAI's endpoint reports it. */
    public void usage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            KeyBalance balance = relay.balance(credentials.apply(request));
            RelayHttpHandler.writeJson(
                    mapper,
                    response,
                    mapper.createObjectNode()
                            .put("object", "list")
                            .put("total_usage", balance.used() * 100.0 / UNITS_PER_USD));
        } catch (RelayException e) {
            errors.write(response, e);
        }
    }
}
