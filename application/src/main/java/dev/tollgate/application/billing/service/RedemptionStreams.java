package dev.tollgate.application.billing.service;

/** The event-store stream a code's redemption is the only event of. */
public final class RedemptionStreams {
    public static final String TYPE = "Redemption";
    private static final String PREFIX = "redemption-";

    private RedemptionStreams() {}

    public static String idOf(String codeHash) {
        return PREFIX + codeHash;
    }
}
