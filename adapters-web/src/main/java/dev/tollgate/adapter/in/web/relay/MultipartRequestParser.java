package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.application.common.MultipartForm;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import java.nio.charset.StandardCharsets;

/** Reads the multipart endpoints' forms (image edits and variations, audio transcriptions and translations). */
final class MultipartRequestParser {
    static long imageCount(Long n) {
        if (n == null) {
            return 1;
        }
        if (n > 10) {
            throw RelayRequestParser.invalid("'n' must be between 1 and 10", "n");
        }
        return n;
    }

    /**
     * Image edits and variations, audio transcriptions and translations: a multipart form, forwarded as is. The
     * seconds of audio are bounded from the file size (at least 1,000 bytes per second: 8 kbit/s, below any codec
     * the providers accept for speech), so that the reservation covers the longest audio the file can hold.
     */
    RelayCall parse(RelayEndpoint endpoint, byte[] body, String contentType, ApiCredentials credentials) {
        String boundary = MultipartForm.boundary(contentType);
        if (boundary == null) {
            throw RelayRequestParser.invalid("this endpoint takes multipart/form-data with a boundary", null);
        }
        MultipartForm form;
        try {
            form = MultipartForm.parse(body, boundary);
        } catch (IllegalArgumentException e) {
            throw RelayRequestParser.invalid("the form could not be read: " + e.getMessage(), null);
        }
        String model = form.fields().get("model");
        if (model == null || model.isBlank()) {
            if (endpoint.images()) {
                model = RelayRequestParser.DEFAULT_IMAGE_MODEL;
            } else {
                throw RelayRequestParser.invalid("you must provide a model parameter", "model");
            }
        }
        String prompt = form.fields().getOrDefault("prompt", "");
        long promptBytes = prompt.getBytes(StandardCharsets.UTF_8).length;
        long units;
        if (endpoint.images()) {
            if (form.fileParts().keySet().stream().noneMatch(n -> n.equals("image") || n.equals("image[]"))) {
                throw RelayRequestParser.invalid("'image' is a required file", "image");
            }
            if (endpoint == RelayEndpoint.IMAGES_EDITS && prompt.isBlank()) {
                throw RelayRequestParser.invalid("'prompt' is a required property", "prompt");
            }
            Long n;
            try {
                n = form.fields().containsKey("n")
                        ? Long.valueOf(form.fields().get("n").trim())
                        : null;
            } catch (NumberFormatException e) {
                throw RelayRequestParser.invalid("'n' must be an integer", "n");
            }
            if (n != null && n < 1) {
                throw RelayRequestParser.invalid("'n' must be between 1 and 10", "n");
            }
            units = imageCount(n);
        } else {
            Long fileBytes = form.fileParts().get("file");
            if (fileBytes == null || fileBytes == 0) {
                throw RelayRequestParser.invalid("'file' is a required audio file", "file");
            }
            units = Math.max(1, Math.ceilDiv(fileBytes, 1_000L));
        }
        final String text = prompt;
        return new RelayCall(
                endpoint,
                credentials,
                model,
                false,
                false,
                null,
                promptBytes,
                0,
                body,
                () -> text,
                contentType,
                units,
                null,
                null);
    }
}
