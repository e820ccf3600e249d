package dev.tollgate.archfixture.adapter.in.web;

import dev.tollgate.archfixture.adapter.out.persistence.ChannelRow;
import dev.tollgate.archfixture.adapter.out.provider.ProviderReply;

/** Wrong: the web adapter uses the persistence and provider adapters directly instead of a use case. */
public class WebUsesPersistenceAndProvider {

    ChannelResponse render(ChannelRow row, ProviderReply reply) {
        return new ChannelResponse(row.name() + reply.text());
    }
}
