package dev.tollgate.adapter.in.web.ledger;

import static dev.tollgate.adapter.in.web.RequestValues.instant;

import dev.tollgate.application.billing.port.in.LedgerUseCase.LedgerQuery;

/**
 * The ledger's filter query parameters, as sent ({@code kind}: one or several, comma-separated; {@code from} and
 * {@code to} ISO-8601; {@code ownerId}: the older name of a wallet's owner).
 */
record LedgerParams(
        String ownerId, String organizationId, String memberId, String tokenId, String kind, String from, String to) {

    LedgerQuery toQuery() {
        return new LedgerQuery(
                ownerId, organizationId, memberId, tokenId, kind, instant("from", from), instant("to", to));
    }
}
