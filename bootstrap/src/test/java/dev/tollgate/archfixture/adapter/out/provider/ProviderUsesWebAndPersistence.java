package dev.tollgate.archfixture.adapter.out.provider;

import dev.tollgate.archfixture.adapter.in.web.ChannelResponse;
import dev.tollgate.archfixture.adapter.out.persistence.ChannelRow;

/** Wrong: the provider adapter uses the web and persistence adapters. */
public class ProviderUsesWebAndPersistence {

    ProviderReply call(ChannelResponse response, ChannelRow row) {
        return new ProviderReply(response.name() + row.name());
    }
}
