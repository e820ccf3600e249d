package dev.tollgate.application.configfile.service;

import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.billing.port.in.IncentiveUseCase;
import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort.Managed;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Brings the registration mode and the incentives to what the file declares. A setting removed from the file keeps
 * its value and is released.
 */
final class SettingsReconciler {
    private final SelfServiceUseCase registration;
    private final IncentiveUseCase incentives;
    private final LiveConfigState live;

    SettingsReconciler(SelfServiceUseCase registration, IncentiveUseCase incentives, LiveConfigState live) {
        this.registration = registration;
        this.incentives = incentives;
        this.live = live;
    }

    void reconcile(String mode, Incentives wantedIncentives, Reconciliation r) {
        one(
                ManagedKind.REGISTRATION,
                String.class,
                mode,
                live.registrationMode(),
                (m, rec) -> registration.setRegistrationMode(m, rec.caller()),
                r);
        one(
                ManagedKind.INCENTIVES,
                Incentives.class,
                wantedIncentives,
                live.incentives(),
                (i, rec) -> incentives.setIncentives(i, rec.caller()),
                r);
    }

    private <T> void one(
            ManagedKind kind, Class<T> type, T wanted, T current, BiConsumer<T, Reconciliation> set, Reconciliation r) {
        String name = kind.code();
        Map<String, Managed<T>> known = r.all(kind, type);
        Managed<T> record = known.get(name);
        if (wanted == null) {
            if (record != null && record.active()) {
                r.save(kind, new Managed<>(name, name, record.applied(), false));
                r.changed(kind, name, "released, value kept (removed from the file)");
            }
            return;
        }
        T before = record != null && record.active() ? record.applied() : current;
        if (!wanted.equals(before)) {
            set.accept(wanted, r);
            r.changed(kind, name, "set in the file");
        }
        if (record == null || !record.active() || !wanted.equals(record.applied())) {
            r.save(kind, new Managed<>(name, name, wanted, true));
        }
    }
}
