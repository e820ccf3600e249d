package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.TextSearch;
import dev.tollgate.domain.channel.ChannelStatus;
import dev.tollgate.domain.channel.ChannelType;
import dev.tollgate.domain.common.InvalidValueException;

/**
 * What a channel list is narrowed to: {@code q} in the name, a model or the base URL; a type code; a status
 * ({@code enabled}, {@code disabled}, {@code auto_disabled}); a group. Each is optional; a value that names no type
 * or status, or a group longer than 64 characters, is refused with 400 naming the field.
 */
public record ChannelFilter(TextSearch q, String type, String status, String group) {
    /** Every channel. */
    public static final ChannelFilter NONE = new ChannelFilter(TextSearch.NONE, null, null, null);

    public ChannelFilter {
        q = q == null ? TextSearch.NONE : q;
        type = type == null || type.isBlank()
                ? null
                : ChannelType.fromCode(type.strip()).code();
        status = status == null || status.isBlank()
                ? null
                : ChannelStatus.fromCode(status.strip()).code();
        group = group == null || group.isBlank() ? null : group.strip();
        if (group != null && group.length() > 64) {
            throw new InvalidValueException("group", "group must be at most 64 characters");
        }
    }

    public boolean matches(ChannelView c) {
        return (q.matches(c.name(), c.baseUrl()) || q.matchesAny(c.models()))
                && (type == null || type.equals(c.type()))
                && (status == null || status.equals(c.status()))
                && (group == null || c.groups().contains(group));
    }
}
