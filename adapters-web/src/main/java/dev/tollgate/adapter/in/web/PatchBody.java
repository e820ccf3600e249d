package dev.tollgate.adapter.in.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a PATCH body field by field, so that an absent field (leave as is) is told apart from an explicit
 * {@code null} (clear it), and every wrong type is a 400 naming the field.
 */
public final class PatchBody {
    private final JsonNode root;

    public PatchBody(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidValueException("body", "the request body must be a JSON object");
        }
        this.root = root;
    }

    /**
     * Refuses (400, naming the field) any field other than these: a field the caller may not set is rejected, never
     * silently ignored.
     */
    public PatchBody requireOnly(String... allowed) {
        Set<String> ok = Set.of(allowed);
        root.fieldNames().forEachRemaining(f -> {
            if (!ok.contains(f)) {
                throw new InvalidValueException(
                        f, "'" + f + "' cannot be set here; allowed: " + String.join(", ", new TreeSet<>(ok)));
            }
        });
        return this;
    }

    public boolean has(String field) {
        return root.has(field);
    }

    public boolean isExplicitNull(String field) {
        return root.has(field) && root.get(field).isNull();
    }

    public String text(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidValueException(field, field + " must be a string");
        }
        return v.textValue();
    }

    public Integer integer(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidValueException(field, field + " must be an integer");
        }
        return v.intValue();
    }

    public Long longValue(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidValueException(field, field + " must be an integer");
        }
        return v.longValue();
    }

    public Boolean bool(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new InvalidValueException(field, field + " must be true or false");
        }
        return v.booleanValue();
    }

    public Instant instant(String field) {
        return RequestValues.instant(field, text(field));
    }

    public List<String> strings(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidValueException(field, field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new InvalidValueException(field, field + " must be an array of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    public Map<String, String> stringMap(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new InvalidValueException(field, field + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        var fields = v.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidValueException(field, field + " must be an object of strings");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }
}
