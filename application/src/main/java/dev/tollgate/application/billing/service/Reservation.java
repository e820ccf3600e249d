package dev.tollgate.application.billing.service;

/**
 * Quota set aside for one request before the upstream call.
 *
 * @param amount    units reserved (0 when nothing limits the request: an unlimited key of an unlimited owner)
 * @param unlimited neither the key nor its owner's wallet limits the request: the cost is charged as it is
 * @param keyPart   the amount is also set aside on the key (its quota is limited)
 * @param walletOwner the owner whose wallet the amount is also set aside on, or null (the root operator's keys)
 * @param budget    the member budget the amount is also set aside on, or null (none set)
 */
public record Reservation(
        String tokenId,
        String requestId,
        long amount,
        boolean unlimited,
        boolean keyPart,
        String walletOwner,
        String budget) {
    /** A reservation without a member budget. */
    public Reservation(
            String tokenId, String requestId, long amount, boolean unlimited, boolean keyPart, String walletOwner) {
        this(tokenId, requestId, amount, unlimited, keyPart, walletOwner, null);
    }

    /** A reservation on the key only. */
    public Reservation(String tokenId, String requestId, long amount, boolean unlimited) {
        this(tokenId, requestId, amount, unlimited, !unlimited, null);
    }
}
