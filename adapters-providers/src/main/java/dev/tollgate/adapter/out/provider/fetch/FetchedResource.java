package dev.tollgate.adapter.out.provider.fetch;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link GuardedUrlFetcher} fetched.
 *
 * @param contentType the answer's {@code Content-Type} as sent (parameters included), or
 *                    {@code application/octet-stream} when the server sent none
 * @param body        the whole body, at most {@link GuardedUrlFetcher#MAX_BODY_BYTES} bytes
 */
public record FetchedResource(String contentType, byte[] body) {
    public FetchedResource {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FetchedResource other
                && contentType.equals(other.contentType)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "FetchedResource[contentType=" + contentType + ", body=" + body.length + " bytes]";
    }
}
