package dev.tollgate.adapter.out.provider.gemini;

import dev.tollgate.adapter.out.provider.fetch.FetchRefusedException;
import dev.tollgate.adapter.out.provider.fetch.FetchedResource;
import dev.tollgate.adapter.out.provider.fetch.GuardedUrlFetcher;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

/**
 * An image to send inline to Gemini ({@code inlineData}).
 *
 * @param mimeType the image's media type, e.g. {@code image/png}
 * @param data     the image's bytes, base64-encoded (standard alphabet, padded)
 */
public record InlineImage(String mimeType, String data) {

    /**
     * Image URLs fetched only through the SSRF-guarded fetcher; a refused URL or an answer that is not an image is an
     * {@link IllegalArgumentException} with a message for the client.
     */
    public static Function<String, InlineImage> fetchedBy(GuardedUrlFetcher fetcher) {
        return url -> {
            FetchedResource image;
            try {
                image = fetcher.fetch(url);
            } catch (FetchRefusedException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            String type = image.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!type.startsWith("image/")) {
                throw new IllegalArgumentException("the image URL did not return an image (" + type + ")");
            }
            return new InlineImage(type, Base64.getEncoder().encodeToString(image.body()));
        };
    }
}
