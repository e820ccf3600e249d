package dev.tollgate.adapter.in.web.relay.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.RelayRequestParser;
import dev.tollgate.application.responses.port.out.StoredResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of a stored response's input items in OpenAI's list shape ({@code object: list}, {@code data},
 * {@code first_id}, {@code last_id}, {@code has_more}): {@code limit} 1 to 100 (20 when absent), {@code order}
 * {@code desc} (the default, newest first) or {@code asc}, {@code after} an item id. Items without an id get a stable
 * one from their position; message content given as a string is listed as one text part, as OpenAI lists it.
 */
public final class ResponseInputItems {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final ObjectMapper mapper;

    public ResponseInputItems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode page(StoredResponse stored, String limitParam, String after, String orderParam) {
        int limit = limit(limitParam);
        String order = orderParam == null ? "desc" : orderParam;
        if (!order.equals("asc") && !order.equals("desc")) {
            throw RelayRequestParser.invalid("Invalid 'order': expected 'asc' or 'desc'.", "order");
        }
        List<ObjectNode> items = items(stored);
        if (order.equals("desc")) {
            items = items.reversed();
        }
        int start = 0;
        if (after != null) {
            start = -1;
            for (int i = 0; i < items.size(); i++) {
                if (after.equals(items.get(i).path("id").asText())) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw RelayRequestParser.invalid("No input item with id '" + after + "' in this response.", "after");
            }
        }
        int end = Math.min(items.size(), start + limit);
        ObjectNode page = mapper.createObjectNode().put("object", "list");
        ArrayNode data = page.putArray("data");
        items.subList(start, end).forEach(data::add);
        if (data.isEmpty()) {
            page.putNull("first_id");
            page.putNull("last_id");
        } else {
            page.put("first_id", data.get(0).path("id").asText());
            page.put("last_id", data.get(data.size() - 1).path("id").asText());
        }
        page.put("has_more", end < items.size());
        return page;
    }

    private static int limit(String param) {
        if (param == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(param);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw RelayRequestParser.invalid(
                "Invalid 'limit': expected an integer between 1 and " + MAX_LIMIT + ".", "limit");
    }

    private List<ObjectNode> items(StoredResponse stored) {
        JsonNode all;
        try {
            all = mapper.readTree(stored.inputItems());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored input items of " + stored.id() + " are not JSON", e);
        }
        String suffix = stored.id().startsWith("resp_") ? stored.id().substring(5) : stored.id();
        List<ObjectNode> items = new ArrayList<>(all.size());
        int index = 0;
        for (JsonNode node : all) {
            ObjectNode item = node.isObject() ? (ObjectNode) node.deepCopy() : mapper.createObjectNode();
            if (!item.path("id").isTextual()) {
                item.put("id", "msg_" + suffix + "_in" + index);
            }
            if (!item.has("type")) {
                item.put("type", "message");
            }
            if ("message".equals(item.path("type").asText())) {
                if (item.path("content").isTextual()) {
                    String role = item.path("role").asText("user");
                    ArrayNode parts = mapper.createArrayNode();
                    parts.addObject()
                            .put("type", "assistant".equals(role) ? "output_text" : "input_text")
                            .put("text", item.path("content").textValue());
                    item.set("content", parts);
                }
                if (!item.has("status")) {
                    item.put("status", "completed");
                }
            }
            items.add(item);
            index++;
        }
        return items;
    }
}
