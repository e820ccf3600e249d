package dev.tollgate.application.notification.service;

import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.notification.port.out.NotificationEvent;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.EventHandler;

/**
 * Tells the platform's admins (and, for an organisation's channel, its owners and admins) and the webhooks when a
 * channel is taken out of service automatically and when it comes back. Runs in its own tracking processor
 * ({@value #PROCESSING_GROUP}, from the head of the log: history is never told again), so one node tells each event.
 */
public class ChannelStatusNotifier {
    public static final String PROCESSING_GROUP = "channel-status-notifications";

    private final ChannelDirectory channels;
    private final NotificationRecipients recipients;
    private final NotificationDispatcher dispatcher;
    private final IdGeneratorPort ids;

    public ChannelStatusNotifier(
            ChannelDirectory channels,
            NotificationRecipients recipients,
            NotificationDispatcher dispatcher,
            IdGeneratorPort ids) {
        this.channels = channels;
        this.recipients = recipients;
        this.dispatcher = dispatcher;
        this.ids = ids;
    }

    @EventHandler
    void on(ChannelAutoDisabledEvent e) {
        tell(NotificationEvent.CHANNEL_DISABLED, e.channelId(), e.reason(), e.at());
    }

    @EventHandler
    void on(ChannelReEnabledEvent e) {
        tell(NotificationEvent.CHANNEL_ENABLED, e.channelId(), e.reason(), e.at());
    }

    private void tell(String type, String channelId, String reason, Instant at) {
        ChannelView channel = channels.find(channelId).orElse(null);
        String organizationId = channel == null ? null : channel.organizationId();
        NotificationEvent event = new NotificationEvent(
                "evt_" + ids.newId(),
                type,
                at,
                organizationId,
                Map.of(
                        "channelId", channelId,
                        "name", channel == null ? channelId : channel.name(),
                        "reason", reason == null ? "" : reason));
        dispatcher.dispatch(event, recipients.adminsFor(organizationId));
    }
}
