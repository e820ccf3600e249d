package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Price multipliers per routing group (one-api's GroupRatio): a key of group {@code vip} with multiplier 1.5 pays one
 * and a half times every list price. At most three decimals (kept in thousandths), between 0 and 100; a group without
 * one pays the list price. Platform admins only.
 */
public interface GroupMultiplierUseCase {
    /** Every multiplier that was set, by group. */
    Map<String, BigDecimal> multipliers();

    /** Sets one group's multiplier; returns it. */
    BigDecimal setMultiplier(String group, BigDecimal multiplier, Caller caller);

    /** Checks a whole table (as one-api's GroupRatio) and returns it in thousandths; changes nothing. */
    Map<String, Long> check(Map<String, BigDecimal> groupRatio);

    /** Sets every multiplier of a table returned by {@link #check}. */
    void setAll(Map<String, Long> perMille, Caller caller);
}
