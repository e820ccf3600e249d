package dev.tollgate.adapter.out.provider;

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
    /** Most images fetched from URLs for one request. */
    public static final int MAX_FETCHED_PER_REQUEST = 16;
    /** Most bytes of images fetched from URLs for one request, all together (20 MiB). */
    public static final long MAX_FETCHED_BYTES_PER_REQUEST = 20L * 1024 * 1024;

    /**
     * The fetcher for one request: at most {@value #MAX_FETCHED_PER_REQUEST} images and
     * {@value #MAX_FETCHED_BYTES_PER_REQUEST} bytes in all, so that one request cannot make the gateway hold
     * hundreds of images of the largest size at once; past either limit the request is refused (400) with the limit.
     */
    public static Function<String, InlineImage> perRequest(Function<String, InlineImage> fetcher) {
        int[] count = {0};
        long[] bytes = {0};
        return url -> {
            if (++count[0] > MAX_FETCHED_PER_REQUEST) {
                throw new IllegalArgumentException(
                        "a request may have at most " + MAX_FETCHED_PER_REQUEST + " images given by URL");
            }
            InlineImage image = fetcher.apply(url);
            bytes[0] += image.data().length() / 4L * 3;
            if (bytes[0] > MAX_FETCHED_BYTES_PER_REQUEST) {
                throw new IllegalArgumentException("the images given by URL may be at most "
                        + (MAX_FETCHED_BYTES_PER_REQUEST >> 20) + " MiB in all");
            }
            return image;
        };
    }

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
