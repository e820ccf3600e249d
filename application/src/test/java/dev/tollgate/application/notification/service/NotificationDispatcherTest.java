package dev.tollgate.application.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.notification.port.out.NotificationEvent;
import dev.tollgate.application.notification.port.out.WebhookDeliveryPort;
import dev.tollgate.application.notification.port.out.WebhookPort;
import dev.tollgate.application.notification.service.NotificationRecipients.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery off the caller's thread, in the recipient's language, with bounded retries and a bounded queue. */
class NotificationDispatcherTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    /** An SMTP server stand-in (outside the process) that fails its first {@code failures} sends. */
    private static final class FlakySmtp implements MailPort {
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> subjects = new CopyOnWriteArrayList<>();
        final int failures;
        final CountDownLatch tried;

        FlakySmtp(int failures, int expectedAttempts) {
            this.failures = failures;
            this.tried = new CountDownLatch(expectedAttempts);
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public void send(String to, String subject, String text) {
            tried.countDown();
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("421 try again later");
            }
            subjects.add(to + " " + subject);
        }
    }

    private static final WebhookPort NO_WEBHOOKS = new WebhookPort() {
        @Override
        public void add(Webhook webhook, byte[] secret) {}

        @Override
        public List<Webhook> of(String organizationId, int limit) {
            return List.of();
        }

        @Override
        public Optional<Webhook> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<Target> targets(String organizationId, int limit) {
            return List.of();
        }

        @Override
        public void delete(String id) {}
    };

    private static final WebhookDeliveryPort NO_DELIVERY = new WebhookDeliveryPort() {
        @Override
        public Optional<String> refusal(String url) {
            return Optional.empty();
        }

        @Override
        public void deliver(WebhookPort.Target target, NotificationEvent event) {}
    };

    private static NotificationEvent channelDisabled() {
        return new NotificationEvent(
                "evt_1",
                NotificationEvent.CHANNEL_DISABLED,
                Instant.EPOCH,
                null,
                Map.of("channelId", "ch_1", "name", "deepseek", "reason", "HTTP 401"));
    }

    /** Waits until every task scheduled so far on the (single) delivery thread has run. */
    private void drained() throws Exception {
        executor.submit(() -> {}).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void givenAnSmtpServerThatFailsTwice_whenAMailIsSent_thenTheThirdAttemptDeliversItInTheRecipientsLanguage()
            throws Exception {
        // given
        FlakySmtp smtp = new FlakySmtp(2, 3);
        NotificationDispatcher dispatcher = new NotificationDispatcher(
                smtp,
                NO_WEBHOOKS,
                NO_DELIVERY,
                executor,
                new NotificationDispatcher.Settings(3, Duration.ofMillis(10), 10));

        // when
        dispatcher.dispatch(channelDisabled(), List.of(new Recipient("u1", "ops@example.test", "zh")));

        // then
        assertThat(smtp.tried.await(5, TimeUnit.SECONDS)).isTrue();
        drained();
        assertThat(dispatcher.pending()).isZero();
        assertThat(smtp.attempts).hasValue(3);
        assertThat(smtp.subjects).containsExactly("ops@example.test [Tollgate] 渠道已被自动禁用：deepseek");
    }

    @Test
    void givenAnSmtpServerThatAlwaysFails_whenAMailIsSent_thenItIsGivenUpAfterMaxAttempts() throws Exception {
        // given
        FlakySmtp smtp = new FlakySmtp(Integer.MAX_VALUE, 4);
        NotificationDispatcher dispatcher = new NotificationDispatcher(
                smtp,
                NO_WEBHOOKS,
                NO_DELIVERY,
                executor,
                new NotificationDispatcher.Settings(4, Duration.ofMillis(5), 10));

        // when
        dispatcher.dispatch(channelDisabled(), List.of(new Recipient("u1", "ops@example.test", "en")));

        // then
        assertThat(smtp.tried.await(5, TimeUnit.SECONDS)).isTrue();
        drained();
        assertThat(dispatcher.pending()).isZero();
        assertThat(smtp.attempts).hasValue(4);
        assertThat(smtp.subjects).isEmpty();
    }

    @Test
    void givenAFullQueue_whenMoreIsDispatched_thenTheExcessIsDroppedNotQueued() throws Exception {
        // given: one delivery may wait; the executor is busy until released
        FlakySmtp smtp = new FlakySmtp(0, 2);
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        NotificationDispatcher dispatcher = new NotificationDispatcher(
                smtp, NO_WEBHOOKS, NO_DELIVERY, executor, new NotificationDispatcher.Settings(1, Duration.ZERO, 2));

        // when: three mails and the webhook lookup = four deliveries for a queue of two
        dispatcher.dispatch(
                channelDisabled(),
                List.of(
                        new Recipient("u1", "a@example.test", "en"),
                        new Recipient("u2", "b@example.test", "en"),
                        new Recipient("u3", "c@example.test", "en")));
        release.countDown();

        // then
        assertThat(smtp.tried.await(5, TimeUnit.SECONDS)).isTrue();
        drained();
        assertThat(dispatcher.pending()).isZero();
        assertThat(smtp.subjects).hasSize(2);
    }
}
