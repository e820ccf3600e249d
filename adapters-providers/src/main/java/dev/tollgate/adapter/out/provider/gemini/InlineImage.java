package dev.tollgate.adapter.out.provider.gemini;

/**
 * An image to send inline to Gemini ({@code inlineData}).
 *
 * @param mimeType the image's media type, e.g. {@code image/png}
 * @param data     the image's bytes, base64-encoded (standard alphabet, padded)
 */
public record InlineImage(String mimeType, String data) {
}
