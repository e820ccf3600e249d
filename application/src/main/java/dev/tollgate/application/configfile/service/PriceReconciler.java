package dev.tollgate.application.configfile.service;

import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort.Managed;
import dev.tollgate.application.configfile.port.out.PriceSpec;
import dev.tollgate.domain.billing.Price;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Brings model prices and group multipliers to what the file declares: one price command per model whose price
 * differs, one multiplier command per group whose multiplier differs. Neither has a disabled state: one removed from
 * the file keeps its last value and is released (the API may change it again).
 */
final class PriceReconciler {
    private final SetPriceUseCase prices;
    private final GroupMultiplierUseCase multipliers;
    private final LiveConfigState live;

    PriceReconciler(SetPriceUseCase prices, GroupMultiplierUseCase multipliers, LiveConfigState live) {
        this.prices = prices;
        this.multipliers = multipliers;
        this.live = live;
    }

    void reconcilePrices(Map<String, PriceSpec> declared, Reconciliation r) {
        Map<String, Managed<PriceSpec>> known = r.all(ManagedKind.PRICE, PriceSpec.class);
        for (Map.Entry<String, PriceSpec> e : new TreeMap<>(declared).entrySet()) {
            String model = e.getKey();
            PriceSpec wanted = e.getValue();
            Managed<PriceSpec> record = known.get(model);
            PriceSpec before = record != null && record.active()
                    ? record.applied()
                    : live.price(model).orElse(null);
            if (!wanted.equals(before)) {
                prices.setPrice(
                        model,
                        new Price(
                                wanted.input(),
                                wanted.output(),
                                wanted.perImage(),
                                wanted.perAudioSecond(),
                                wanted.perRequest(),
                                wanted.cachedInput()),
                        r.caller());
                r.changed(
                        ManagedKind.PRICE,
                        model,
                        before == null ? "set (declared in the file)" : "changed in the file");
            }
            if (record == null || !record.active() || !wanted.equals(record.applied())) {
                r.save(ManagedKind.PRICE, new Managed<>(model, model, wanted, true));
            }
        }
        known.values().stream()
                .filter(m -> m.active() && !declared.containsKey(m.name()))
                .forEach(m -> {
                    r.save(ManagedKind.PRICE, new Managed<>(m.name(), m.resourceId(), m.applied(), false));
                    r.changed(ManagedKind.PRICE, m.name(), "released, price kept (removed from the file)");
                });
    }

    void reconcileMultipliers(Map<String, BigDecimal> declared, Reconciliation r) {
        Map<String, Managed<Long>> known = r.all(ManagedKind.GROUP_MULTIPLIER, Long.class);
        Map<String, Long> wantedPerMille = multipliers.check(declared);
        Map<String, Long> livePerMille = multipliers.check(multipliers.multipliers());
        for (Map.Entry<String, Long> e : new TreeMap<>(wantedPerMille).entrySet()) {
            String group = e.getKey();
            Managed<Long> record = known.get(group);
            Long before = record != null && record.active() ? record.applied() : livePerMille.get(group);
            if (!Objects.equals(e.getValue(), before)) {
                multipliers.setMultiplier(group, declared.get(group), r.caller());
                r.changed(
                        ManagedKind.GROUP_MULTIPLIER,
                        group,
                        "set to " + declared.get(group).toPlainString() + " in the file");
            }
            if (record == null || !record.active() || !e.getValue().equals(record.applied())) {
                r.save(ManagedKind.GROUP_MULTIPLIER, new Managed<>(group, group, e.getValue(), true));
            }
        }
        known.values().stream()
                .filter(m -> m.active() && !declared.containsKey(m.name()))
                .forEach(m -> {
                    r.save(ManagedKind.GROUP_MULTIPLIER, new Managed<>(m.name(), m.resourceId(), m.applied(), false));
                    r.changed(
                            ManagedKind.GROUP_MULTIPLIER,
                            m.name(),
                            "released, multiplier kept (removed from the file)");
                });
    }
}
