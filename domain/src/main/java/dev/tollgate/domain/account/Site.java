package dev.tollgate.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.account.command.SetSiteTextsCommand;
import dev.tollgate.domain.account.event.SiteTextsSetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** The installation as the console presents it; one per installation ({@value #ID}). */
public class Site {
    public static final String ID = "site";

    @AggregateIdentifier
    private String siteId;

    private SiteTexts texts = SiteTexts.NONE;
    private long version = -1;

    protected Site() {
        // for the event-sourcing repository
    }

    /** Returns the aggregate's version after the command (unchanged when the texts were already these). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetSiteTextsCommand command) {
        if (!command.texts().equals(texts) || siteId == null) {
            SiteTexts t = command.texts();
            apply(new SiteTextsSetEvent(
                    command.siteId(), t.name(), t.logo(), t.notice(), t.footer(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(SiteTextsSetEvent event) {
        siteId = event.siteId();
        texts = new SiteTexts(event.name(), event.logo(), event.notice(), event.footer());
        version++;
    }
}
