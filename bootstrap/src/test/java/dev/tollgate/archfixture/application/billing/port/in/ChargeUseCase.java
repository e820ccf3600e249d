package dev.tollgate.archfixture.application.billing.port.in;

/** Billing's inbound port: what the relay may use. */
public interface ChargeUseCase {
    long charge(String key, long amount);
}
