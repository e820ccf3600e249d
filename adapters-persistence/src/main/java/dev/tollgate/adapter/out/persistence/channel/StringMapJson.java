package dev.tollgate.adapter.out.persistence.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code Map<String, String>} as JSON text (a channel's model mapping and options), in its own order. */
@Converter
class StringMapJson implements AttributeConverter<Map<String, String>, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings could not be written as JSON", e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored map of strings is not JSON", e);
        }
    }
}
