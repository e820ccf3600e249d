package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.SiteUseCase;
import dev.tollgate.application.account.port.in.SiteView;
import dev.tollgate.application.account.query.SiteDirectory;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.account.Site;
import dev.tollgate.domain.account.SiteTexts;
import dev.tollgate.domain.account.command.SetSiteTextsCommand;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Reads the site's texts from their view; replaces them through the {@link Site} aggregate (audited). */
public class SiteService implements SiteUseCase {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);
    static final String ADMINS_ONLY = "only platform admins may change the site settings";

    private final CommandGateway commands;
    private final SiteDirectory site;
    private final ViewFreshness freshness;
    private final ClockPort clock;

    public SiteService(CommandGateway commands, SiteDirectory site, ViewFreshness freshness, ClockPort clock) {
        this.commands = commands;
        this.site = site;
        this.freshness = freshness;
        this.clock = clock;
    }

    @Override
    public SiteView site() {
        return site.current();
    }

    @Override
    public SiteView set(String name, String logo, String notice, String footer, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        long version = commands.sendAndWait(new SetSiteTextsCommand(
                Site.ID, new SiteTexts(name, logo, notice, footer), caller.actor(), clock.now()));
        freshness.await(Site.ID, version, VIEW_WAIT);
        return site.current();
    }
}
