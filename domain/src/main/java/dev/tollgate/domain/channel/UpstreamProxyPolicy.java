package dev.tollgate.domain.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.channel.command.RemoveUpstreamProxyCommand;
import dev.tollgate.domain.channel.command.SetUpstreamProxyCommand;
import dev.tollgate.domain.channel.event.UpstreamProxyRemovedEvent;
import dev.tollgate.domain.channel.event.UpstreamProxySetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The outbound proxy of the installation ({@value #GLOBAL}) or of one channel ({@code upstream-proxy:<channelId>}):
 * its public address only; the credentials are kept encrypted outside the event log. Every set is recorded (the
 * credentials may have changed, and every node reloads them on the event). Handlers return the version after the
 * change.
 */
public class UpstreamProxyPolicy {
    public static final String GLOBAL = "upstream-proxy";

    @AggregateIdentifier
    private String proxyId;

    private boolean set;
    private long version = -1;

    protected UpstreamProxyPolicy() {
        // for the event-sourcing repository
    }

    /** The aggregate of a channel's proxy, or of the installation's when {@code channelId} is null. */
    public static String idOf(String channelId) {
        return channelId == null ? GLOBAL : GLOBAL + ":" + channelId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetUpstreamProxyCommand command) {
        apply(new UpstreamProxySetEvent(
                command.proxyId(),
                command.channelId(),
                command.scheme().wireName(),
                command.host(),
                command.port(),
                command.authenticated(),
                command.actor(),
                command.at()));
        return version;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RemoveUpstreamProxyCommand command) {
        if (set) {
            apply(new UpstreamProxyRemovedEvent(command.proxyId(), command.channelId(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(UpstreamProxySetEvent event) {
        proxyId = event.proxyId();
        set = true;
        version++;
    }

    @EventSourcingHandler
    void on(UpstreamProxyRemovedEvent event) {
        proxyId = event.proxyId();
        set = false;
        version++;
    }
}
