package dev.tollgate.archfixture.adapter.out.persistence;

import dev.tollgate.archfixture.adapter.in.web.ChannelResponse;
import dev.tollgate.archfixture.adapter.out.provider.ProviderReply;

/** Wrong: the persistence adapter uses the web and provider adapters. */
public class PersistenceUsesWebAndProvider {

    ChannelRow store(ChannelResponse response, ProviderReply reply) {
        return new ChannelRow(response.name() + reply.text());
    }
}
