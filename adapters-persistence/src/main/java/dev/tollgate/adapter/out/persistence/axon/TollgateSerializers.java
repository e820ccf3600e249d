package dev.tollgate.adapter.out.persistence.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The serializer of everything Axon stores: events, snapshots, tokens and messages. It has its own
 * {@link ObjectMapper}, never the web one, so that a setting made for the REST API cannot change stored events.
 */
public final class TollgateSerializers {
    private TollgateSerializers() {}

    /** The mapper of stored events: ISO-8601 instants, unknown fields ignored (older readers of newer events). */
    public static ObjectMapper storageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }
}
