package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;

/**
 * The admin API's lists of channels, a page at a time, read from the stored read side (ADR 12) after it has caught up
 * with the caller's own changes. The caller is authorized before any parameter is checked. The relay never reads
 * these lists: it routes on the in-memory {@link ChannelDirectory}.
 */
public interface ListChannelsUseCase {
    /**
     * Every channel (platform admins only; anyone else 403) matching the filters, in creation order.
     *
     * @param q      part of the name, the base URL or a model (case-insensitive); null: any
     * @param type   a channel type code; null: any
     * @param status {@code enabled}, {@code disabled} or {@code auto_disabled}; null: any
     * @param group  a group the channel serves; null: any
     * @param model  a model the channel serves (exact name); null: any
     */
    Page<ChannelView> list(
            Caller caller, String q, String type, String status, String group, String model, int page, int size);

    /**
     * An organisation's private channels matching the filters, in creation order, for its OWNER and ADMINs and
     * platform admins: a MEMBER gets 403, anyone else 404, before any parameter is checked.
     */
    Page<ChannelView> listInOrganization(
            String organizationId,
            Caller caller,
            String q,
            String type,
            String status,
            String model,
            int page,
            int size);
}
