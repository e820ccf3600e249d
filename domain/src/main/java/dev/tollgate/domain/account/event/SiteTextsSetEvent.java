package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** What the console shows of the installation was replaced: its name, logo (an inline image), notice and footer. */
@Revision("1")
public record SiteTextsSetEvent(
        String siteId, String name, String logo, String notice, String footer, String actor, Instant at) {}
