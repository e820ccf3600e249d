package dev.tollgate.application.account.query;

import dev.tollgate.application.account.port.in.SiteView;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.event.SiteTextsSetEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** The site's current texts, kept by their events. */
public class SiteDirectory {
    private final ViewFreshness freshness;
    private volatile SiteView current = new SiteView("", "", "", "", null);

    public SiteDirectory(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(SiteTextsSetEvent event, @SequenceNumber long sequence) {
        current = new SiteView(event.name(), event.logo(), event.notice(), event.footer(), event.at());
        freshness.applied(event.siteId(), sequence);
    }

    public SiteView current() {
        return current;
    }
}
