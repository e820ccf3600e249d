package dev.tollgate.archfixture.domain.channel;

import org.axonframework.eventhandling.EventHandler;

/** Wrong: an Axon type outside the domain's whitelist (projections belong to adapters). */
public class EventHandlerInDomain {

    @EventHandler
    void on(String event) {}
}
