package dev.tollgate.application.responses.port.out;

import java.time.Instant;

/**
 * A response made through {@code POST /v1/responses}, as Tollgate keeps it.
 *
 * @param id             the id the client knows ({@code resp_…}): the upstream's own when an OpenAI or Azure channel
 *                       answered, else Tollgate's
 * @param upstreamId     the upstream's id of the response when the channel keeps responses itself, else null
 * @param tokenId        the key that made it (only this key may read, delete or cancel it)
 * @param organizationId the key's organisation
 * @param channelId      the channel that answered it (null while a background response waits for one)
 * @param channelType    that channel's type
 * @param channelKey     the SHA-256 fingerprint of the channel key that made it (never the key), so that its own
 *                       endpoints on that channel are called with the same key; null when unknown
 * @param model          the model the client asked for
 * @param status         {@code queued}, {@code in_progress}, {@code completed}, {@code incomplete}, {@code failed}
 *                       or {@code cancelled}
 * @param background     made with {@code background: true}
 * @param inputItems     the input items (instructions excluded) as a JSON array, the previous responses' included
 * @param body           the response object as the client got it (JSON)
 * @param createdAt      when it was made
 * @param expiresAt      when it is deleted (the retention)
 */
public record StoredResponse(
        String id,
        String upstreamId,
        String tokenId,
        String organizationId,
        String channelId,
        String channelType,
        String channelKey,
        String model,
        String status,
        boolean background,
        String inputItems,
        String body,
        Instant createdAt,
        Instant expiresAt) {

    /** The same response with a new status and body (and the channel that answered, once known). */
    public StoredResponse with(String newStatus, String newBody, String newChannelId, String newChannelType) {
        return new StoredResponse(
                id,
                upstreamId,
                tokenId,
                organizationId,
                newChannelId,
                newChannelType,
                channelKey,
                model,
                newStatus,
                background,
                inputItems,
                newBody,
                createdAt,
                expiresAt);
    }

    /** The same response, made with the channel key of this fingerprint. */
    public StoredResponse withChannelKey(String fingerprint) {
        return new StoredResponse(
                id,
                upstreamId,
                tokenId,
                organizationId,
                channelId,
                channelType,
                fingerprint,
                model,
                status,
                background,
                inputItems,
                body,
                createdAt,
                expiresAt);
    }

    /** Whether the status is final (nothing more will change it but a delete). */
    public boolean finished() {
        return !"queued".equals(status) && !"in_progress".equals(status);
    }

    @Override
    public String toString() {
        return "StoredResponse[id=" + id + ", tokenId=" + tokenId + ", channelId=" + channelId + ", status=" + status
                + "]";
    }
}
