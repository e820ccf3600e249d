package dev.tollgate.adapter.out.persistence.axon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes a relayed request's billing event as the JSON the event store's serializer writes for it
 * ({@link TollgateSerializers#storageObjectMapper()}: the record's components in their order, instants as
 * {@link Instant#toString()}), byte for byte, without that serializer's reflection and date formatter: one such
 * event is stored for every request, and its serialisation was about 7 % of a busy node's CPU. Readers are
 * unchanged: they read this JSON with the same mapper.
 *
 * <p>A component added to either record must be added here; {@code RequestEventJsonTest} compares the two writers'
 * bytes for every component.
 */
final class RequestEventJson {
    private final JsonFactory factory;

    RequestEventJson(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(RequestEvent event) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512)) {
            try (JsonGenerator json = factory.createGenerator(bytes)) {
                switch (event) {
                    case RequestSettledEvent s -> settled(json, s);
                    case QuotaReservedEvent r -> reserved(json, r);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + event.getClass().getSimpleName(), e);
        }
    }

    private static void settled(JsonGenerator json, RequestSettledEvent e) throws IOException {
        json.writeStartObject();
        text(json, "requestId", e.requestId());
        text(json, "tokenId", e.tokenId());
        text(json, "ownerId", e.ownerId());
        text(json, "model", e.model());
        text(json, "upstreamModel", e.upstreamModel());
        text(json, "channelId", e.channelId());
        json.writeNumberField("promptTokens", e.promptTokens());
        json.writeNumberField("completionTokens", e.completionTokens());
        json.writeNumberField("cost", e.cost());
        json.writeNumberField("latencyMillis", e.latencyMillis());
        json.writeNumberField("upstreamStatus", e.upstreamStatus());
        text(json, "outcome", e.outcome());
        json.writeBooleanField("stream", e.stream());
        instant(json, "at", e.at());
        json.writeNumberField("cachedPromptTokens", e.cachedPromptTokens());
        json.writeNumberField("reasoningTokens", e.reasoningTokens());
        json.writeNumberField("images", e.images());
        json.writeNumberField("audioSeconds", e.audioSeconds());
        json.writeNumberField("attempts", e.attempts());
        json.writeNumberField("reserved", e.reserved());
        text(json, "organizationId", e.organizationId());
        json.writeEndObject();
    }

    private static void reserved(JsonGenerator json, QuotaReservedEvent e) throws IOException {
        json.writeStartObject();
        text(json, "requestId", e.requestId());
        text(json, "tokenId", e.tokenId());
        text(json, "ownerId", e.ownerId());
        text(json, "model", e.model());
        json.writeNumberField("amount", e.amount());
        text(json, "node", e.node());
        instant(json, "at", e.at());
        text(json, "organizationId", e.organizationId());
        json.writeEndObject();
    }

    private static void text(JsonGenerator json, String name, String value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }

    private static void instant(JsonGenerator json, String name, Instant value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(StoredTimestamps.isoInstant(value));
        }
    }
}
