package dev.tollgate.application.billing.port.in;

/**
 * What billing needs to know of a request before it is sent.
 *
 * @param kind             how the request is priced at worst
 * @param promptUpperBound the most prompt tokens the request can count
 * @param outputLimit      for {@link Kind#GENERATION}: the output tokens wanted (the client's limit, or the default)
 * @param clientSetLimit   the client sent {@code outputLimit} itself (else a lower limit need not be sent upstream
 *                         unless the key cannot afford the default)
 * @param units            for {@link Kind#GENERATION} the answers asked for (each may write {@code outputLimit}); else
 *                         images asked for, characters to speak, or seconds of audio to transcribe
 */
public record MeteringRequest(
        String requestId,
        String tokenId,
        String ownerId,
        String organizationId,
        String group,
        String model,
        Kind kind,
        long promptUpperBound,
        long outputLimit,
        boolean clientSetLimit,
        long units) {
    /** How a request is priced at worst. */
    public enum Kind {
        /** Generates text: the output limit is negotiated down to what the key can afford. */
        GENERATION,
        /** Reads input only (embeddings, moderations, rerank). */
        INPUT,
        /** Generates {@code units} images. */
        IMAGES,
        /** Speaks {@code units} characters. */
        SPEECH,
        /** Transcribes {@code units} seconds of audio. */
        TRANSCRIPTION
    }
}
