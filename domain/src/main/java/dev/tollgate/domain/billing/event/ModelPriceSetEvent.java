package dev.tollgate.domain.billing.event;

import dev.tollgate.domain.billing.Price;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A model's price was set, in quota units per one million input and output tokens, per image, per audio second and
 * per request, and per one million cached input tokens. Revision 2 added the per-image, per-second and per-request
 * prices (a revision 1 event reads them as 0); revision 3 the cached-input price (absent: the input price); revision 4
 * the cache-write price (absent: the input price) and the audio input and output prices (absent: none).
 */
@Revision("4")
public record ModelPriceSetEvent(
        String model,
        long inputPerMillion,
        long outputPerMillion,
        long perImage,
        long perAudioSecond,
        long perRequest,
        String actor,
        Instant at,
        Long cachedInputPerMillion,
        Long cacheWritePerMillion,
        Long audioInputPerMillion,
        Long audioOutputPerMillion)
        implements ModelPriceEvent {
    /** A token-only price. */
    public ModelPriceSetEvent(String model, long inputPerMillion, long outputPerMillion, String actor, Instant at) {
        this(model, inputPerMillion, outputPerMillion, 0, 0, 0, actor, at, null, null, null, null);
    }

    public Price price() {
        return new Price(
                inputPerMillion,
                outputPerMillion,
                perImage,
                perAudioSecond,
                perRequest,
                cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion,
                cacheWritePerMillion == null ? inputPerMillion : cacheWritePerMillion,
                audioInputPerMillion == null ? 0 : audioInputPerMillion,
                audioOutputPerMillion == null ? 0 : audioOutputPerMillion);
    }
}
