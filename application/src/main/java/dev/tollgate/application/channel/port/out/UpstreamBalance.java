package dev.tollgate.application.channel.port.out;

import java.math.BigDecimal;

/**
 * What a provider reports as the credit left on a channel's account. Informational only: it is the provider's
 * money, not Tollgate's quota, so it is kept as the provider's decimal in the provider's currency.
 *
 * @param currency  ISO code as the provider reports it, e.g. {@code USD} or {@code CNY}
 * @param available credit left (may be negative when the provider allows an overdraft)
 * @param source    which endpoint answered, e.g. {@code deepseek:/user/balance}, for operators who wonder
 */
public record UpstreamBalance(String currency, BigDecimal available, String source) {
    public UpstreamBalance {
        if (currency == null || currency.isBlank() || available == null || source == null) {
            throw new IllegalArgumentException("currency, available and source are required");
        }
    }
}
