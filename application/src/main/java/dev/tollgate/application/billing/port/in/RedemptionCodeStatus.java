package dev.tollgate.application.billing.port.in;

import java.time.Instant;

/** One code of a batch: the start of its hash (the code itself is not kept), and who redeemed it when. */
public record RedemptionCodeStatus(String hashPrefix, boolean redeemed, String redeemedBy, Instant redeemedAt) {}
