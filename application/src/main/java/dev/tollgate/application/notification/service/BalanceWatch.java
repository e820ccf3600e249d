package dev.tollgate.application.notification.service;

import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.notification.port.out.NotificationEvent;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort.Setting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares every watched balance with its threshold, periodically and off the relay's threads: a balance below its
 * threshold is told once ({@code balance.low} by mail and to webhooks) — the first node to mark the crossing sends it
 * — and the setting is re-armed when the balance is back at or above the threshold. Reads settings in pages of
 * {@value #PAGE}.
 */
public class BalanceWatch {
    private static final Logger log = LoggerFactory.getLogger(BalanceWatch.class);
    static final int PAGE = 500;

    private final NotificationSettingsPort settings;
    private final WatchedBalances balances;
    private final NotificationDispatcher dispatcher;
    private final IdGeneratorPort ids;
    private final ClockPort clock;

    public BalanceWatch(
            NotificationSettingsPort settings,
            WatchedBalances balances,
            NotificationDispatcher dispatcher,
            IdGeneratorPort ids,
            ClockPort clock) {
        this.settings = settings;
        this.balances = balances;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.clock = clock;
    }

    /** One pass over every watched balance. */
    public void checkAll() {
        NotificationSettingsPort.Subject after = null;
        String afterId = null;
        while (true) {
            List<Setting> page = settings.watched(after, afterId, PAGE);
            for (Setting s : page) {
                try {
                    check(s);
                } catch (RuntimeException e) {
                    log.warn("balance of {} {} not checked: {}", s.subject(), s.subjectId(), e.toString());
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().subject();
            afterId = page.getLast().subjectId();
        }
    }

    private void check(Setting s) {
        Optional<WatchedBalances.Watched> watched = balances.of(s.subject(), s.subjectId());
        if (watched.isEmpty()) {
            return;
        }
        long balance = watched.get().balance();
        long threshold = s.threshold();
        if (balance >= threshold) {
            if (s.notified()) {
                settings.rearm(s.subject(), s.subjectId());
            }
            return;
        }
        if (s.notified() || !settings.markNotified(s.subject(), s.subjectId(), threshold)) {
            return; // told already, here or on another node
        }
        WatchedBalances.Watched w = watched.get();
        NotificationEvent event = new NotificationEvent(
                "evt_" + ids.newId(),
                NotificationEvent.BALANCE_LOW,
                clock.now(),
                w.organizationId(),
                Map.of(
                        "subject", s.subject().name().toLowerCase(Locale.ROOT),
                        "subjectId", s.subjectId(),
                        "name", w.name(),
                        "balance", balance,
                        "threshold", threshold));
        dispatcher.dispatch(event, w.recipients());
    }
}
