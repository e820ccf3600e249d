package dev.tollgate.adapter.in.web.usage;

import static dev.tollgate.adapter.in.web.RequestValues.blankToNull;
import static dev.tollgate.adapter.in.web.RequestValues.instant;

import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.domain.common.InvalidValueException;

/**
 * The usage filter's query parameters, as sent (blank is absent; {@code userId} is another name of
 * {@code memberId}: the key's holder; {@code from} and {@code to} ISO-8601).
 */
record UsageParams(
        String tokenId, String model, String userId, String memberId, String organizationId, String from, String to) {

    /**
     * The filter.
     *
     * @throws InvalidValueException when {@code memberId} and {@code userId} name different members, or an instant is
     *                               not ISO-8601
     */
    UsageFilter toFilter() {
        return new UsageFilter(
                blankToNull(organizationId),
                member(),
                blankToNull(tokenId),
                blankToNull(model),
                instant("from", from),
                instant("to", to),
                null);
    }

    private String member() {
        String member = blankToNull(memberId);
        String user = blankToNull(userId);
        if (member != null && user != null && !member.equals(user)) {
            throw new InvalidValueException("memberId", "memberId and userId name the same filter; give one");
        }
        return member != null ? member : user;
    }
}
