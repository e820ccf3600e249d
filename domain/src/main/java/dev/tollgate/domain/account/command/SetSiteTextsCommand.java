package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.SiteTexts;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace what the console shows of the installation (name, logo, notice, footer). */
public record SetSiteTextsCommand(@TargetAggregateIdentifier String siteId, SiteTexts texts, String actor, Instant at) {
    public SetSiteTextsCommand {
        Checks.requireText("siteId", siteId, 64);
        Checks.requireNonNull("texts", texts);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
