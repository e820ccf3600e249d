package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.TextSearch;
import dev.tollgate.domain.channel.ChannelStatus;
import dev.tollgate.domain.channel.ChannelType;
import dev.tollgate.domain.common.InvalidValueException;

/**
 * What a channel list is narrowed to: {@code q} in the name, a model or the base URL; a type code; a status
 * ({@code enabled}, {@code disabled}, {@code auto_disabled}); a group; a model the channel serves (its exact name).
 * Each is optional; a value that names no type or status, or a group or model longer than 64 or 200 characters, is
 * refused with 400 naming the field.
 */
public record ChannelFilter(TextSearch q, String type, String status, String group, String model) {
    /** Every channel. */
    public static final ChannelFilter NONE = new ChannelFilter(TextSearch.NONE, null, null, null, null);

    private static final int MAX_GROUP = 64;
    private static final int MAX_MODEL = 200;

    public ChannelFilter {
        q = q == null ? TextSearch.NONE : q;
        type = type == null || type.isBlank()
                ? null
                : ChannelType.fromCode(type.strip()).code();
        status = status == null || status.isBlank()
                ? null
                : ChannelStatus.fromCode(status.strip()).code();
        group = bounded("group", group, MAX_GROUP);
        model = bounded("model", model, MAX_MODEL);
    }

    /** Any model. */
    public ChannelFilter(TextSearch q, String type, String status, String group) {
        this(q, type, status, group, null);
    }

    public boolean matches(ChannelView c) {
        return (q.matches(c.name(), c.baseUrl()) || q.matchesAny(c.models()))
                && (type == null || type.equals(c.type()))
                && (status == null || status.equals(c.status()))
                && (group == null || c.groups().contains(group))
                && (model == null || c.models().contains(model));
    }

    private static String bounded(String field, String value, int max) {
        String stripped = value == null || value.isBlank() ? null : value.strip();
        if (stripped != null && stripped.length() > max) {
            throw new InvalidValueException(field, field + " must be at most " + max + " characters");
        }
        return stripped;
    }
}
