package dev.tollgate.archfixture.domain.channel;

import dev.tollgate.archfixture.adapter.out.persistence.ChannelRow;

/** Wrong: the domain reaches out to a persistence adapter. */
public class DomainUsesAdapter {

    String name(ChannelRow row) {
        return row.name();
    }
}
