package dev.tollgate.archfixture.domain.channel.event;

import org.axonframework.serialization.Revision;

/** Wrong: an event that is a mutable class, not a record. */
@Revision("1")
public class MutableChannelRenamedEvent {

    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
