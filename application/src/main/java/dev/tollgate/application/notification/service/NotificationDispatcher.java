package dev.tollgate.application.notification.service;

import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.notification.port.out.NotificationEvent;
import dev.tollgate.application.notification.port.out.WebhookDeliveryPort;
import dev.tollgate.application.notification.port.out.WebhookPort;
import dev.tollgate.application.notification.service.NotificationRecipients.Recipient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notifications off the caller's thread: a mail to each recipient and a signed POST to each webhook of the
 * event's organisation and of the platform. Each delivery is tried up to {@link Settings#maxAttempts()} times, waiting
 * {@link Settings#firstRetryDelay()} and then twice as long each time; at most {@link Settings#maxPending()} deliveries
 * wait at once (more are dropped with a warning, never queued without bound).
 */
public class NotificationDispatcher {
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    /** The most webhooks one event goes to (an organisation's and the platform's). */
    static final int MAX_WEBHOOKS = 20;

    /** Retry and queue bounds. */
    public record Settings(int maxAttempts, Duration firstRetryDelay, int maxPending) {
        public Settings {
            if (maxAttempts < 1 || maxPending < 1 || firstRetryDelay.isNegative()) {
                throw new IllegalArgumentException("notification delivery bounds must be positive");
            }
        }
    }

    private final MailPort mail;
    private final WebhookPort webhooks;
    private final WebhookDeliveryPort delivery;
    private final ScheduledExecutorService executor;
    private final Settings settings;
    private final AtomicInteger pending = new AtomicInteger();

    public NotificationDispatcher(
            MailPort mail,
            WebhookPort webhooks,
            WebhookDeliveryPort delivery,
            ScheduledExecutorService executor,
            Settings settings) {
        this.mail = mail;
        this.webhooks = webhooks;
        this.delivery = delivery;
        this.executor = executor;
        this.settings = settings;
    }

    /** Sends the event to the recipients and the webhooks; returns at once. */
    public void dispatch(NotificationEvent event, List<Recipient> recipients) {
        if (mail.configured()) {
            for (Recipient r : recipients) {
                NotificationTexts.Mail text = NotificationTexts.render(event, r.language());
                submit(
                        event.type() + " mail to user " + r.userId(),
                        () -> mail.send(r.email(), text.subject(), text.text()),
                        1);
            }
        }
        submit(event.type() + " webhook lookup", () -> webhooks(event), 1);
    }

    private void webhooks(NotificationEvent event) {
        for (WebhookPort.Target target : webhooks.targets(event.organizationId(), MAX_WEBHOOKS)) {
            submit(event.type() + " to webhook " + target.id(), () -> delivery.deliver(target, event), 1);
        }
    }

    private void submit(String what, Runnable action, int attempt) {
        if (attempt == 1 && pending.incrementAndGet() > settings.maxPending()) {
            pending.decrementAndGet();
            log.warn("notification dropped ({} deliveries already waiting): {}", settings.maxPending(), what);
            return;
        }
        long delayMillis = attempt == 1 ? 0 : settings.firstRetryDelay().toMillis() << Math.min(attempt - 2, 20);
        try {
            executor.schedule(() -> run(what, action, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            log.warn("notification dropped (shutting down): {}", what);
        }
    }

    private void run(String what, Runnable action, int attempt) {
        try {
            action.run();
            pending.decrementAndGet();
        } catch (RuntimeException e) {
            if (attempt >= settings.maxAttempts()) {
                pending.decrementAndGet();
                log.warn("notification not delivered after {} attempts: {}: {}", attempt, what, e.getMessage());
                return;
            }
            log.info("notification attempt {} failed, retrying: {}: {}", attempt, what, e.getMessage());
            submit(what, action, attempt + 1);
        }
    }

    /** Deliveries waiting or in progress. */
    public int pending() {
        return pending.get();
    }
}
