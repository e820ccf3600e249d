package dev.tollgate.adapter.in.web.configfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@code managedBy} to the channels, prices and organisations the admin API answers with, alone, in a page or in
 * {@code {"items": [...]}}: {@code "config-file"} when the configuration file declares the resource, null otherwise.
 */
@RestControllerAdvice(
        basePackages = {
            "dev.tollgate.adapter.in.web.channel",
            "dev.tollgate.adapter.in.web.price",
            "dev.tollgate.adapter.in.web.organization"
        })
public class ManagedByAdvice implements ResponseBodyAdvice<Object> {
    static final String CONFIG_FILE = "config-file";

    private final ObjectProvider<ConfigFileUseCase> configFile;
    private final ObjectMapper json;

    /** The use case is looked up when needed: a web slice without it (tests of other controllers) marks nothing. */
    public ManagedByAdvice(ObjectProvider<ConfigFileUseCase> configFile, ObjectMapper json) {
        this.configFile = configFile;
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return MappingJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (configFile.getIfAvailable() == null) {
            return body;
        }
        if (body instanceof ChannelView v) {
            return mark(v, managed(ManagedKind.CHANNEL).contains(v.id()));
        }
        if (body instanceof PriceView p) {
            return mark(p, managed(ManagedKind.PRICE).contains(p.model()));
        }
        if (body instanceof OrganizationView o) {
            return mark(o, managed(ManagedKind.ORGANIZATION).contains(o.id()));
        }
        if (body instanceof Page<?> page && !page.items().isEmpty()) {
            Object first = page.items().getFirst();
            if (first instanceof ChannelView) {
                return markedPage(page, ManagedKind.CHANNEL, o -> ((ChannelView) o).id());
            }
            if (first instanceof OrganizationView) {
                return markedPage(page, ManagedKind.ORGANIZATION, o -> ((OrganizationView) o).id());
            }
            if (first instanceof PriceView) {
                return markedPage(page, ManagedKind.PRICE, o -> ((PriceView) o).model());
            }
        }
        if (body instanceof Map<?, ?> map
                && map.size() == 1
                && map.get("items") instanceof Collection<?> items
                && !items.isEmpty()) {
            Object first = items.iterator().next();
            if (first instanceof OrganizationView) {
                return itemsObject(items(items, ManagedKind.ORGANIZATION, o -> ((OrganizationView) o).id()));
            }
        }
        return body;
    }

    /** A page with its items marked. */
    private ObjectNode markedPage(Page<?> page, ManagedKind kind, Function<Object, String> id) {
        ObjectNode node = json.valueToTree(page);
        node.set("items", items(page.items(), kind, id));
        return node;
    }

    /** {@code {"items": [...]}} as a JSON object: the declared {@code Map<String, List<…View>>} type no longer fits. */
    private ObjectNode itemsObject(ArrayNode items) {
        ObjectNode node = json.createObjectNode();
        node.set("items", items);
        return node;
    }

    private Set<String> managed(ManagedKind kind) {
        return configFile.getObject().managed(kind);
    }

    private ArrayNode items(Collection<?> items, ManagedKind kind, Function<Object, String> id) {
        Set<String> managed = managed(kind);
        ArrayNode out = json.createArrayNode();
        for (Object item : items) {
            out.add(mark(item, managed.contains(id.apply(item))));
        }
        return out;
    }

    private JsonNode mark(Object view, boolean managed) {
        ObjectNode node = json.valueToTree(view);
        if (managed) {
            node.put("managedBy", CONFIG_FILE);
        } else {
            node.putNull("managedBy");
        }
        return node;
    }
}
