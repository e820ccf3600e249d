package dev.tollgate.application.configfile.service;

import dev.tollgate.application.channel.port.in.ChannelChanges;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.in.CreateChannelRequest;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Brings the platform channels to what the file declares, by name: creates a new one, adopts an existing platform
 * channel of that name the first time, sends one update with the settings that differ (the keys only when their
 * fingerprints differ) and one status change when the status differs; a channel removed from the file is disabled,
 * never deleted. What is compared is the declaration last applied (stored without secrets), so every node reaches the
 * same decision whatever its views have seen yet.
 */
final class ChannelReconciler {
    private final CreateChannelUseCase create;
    private final ManageChannelUseCase manage;
    private final LiveConfigState live;

    ChannelReconciler(CreateChannelUseCase create, ManageChannelUseCase manage, LiveConfigState live) {
        this.create = create;
        this.manage = manage;
        this.live = live;
    }

    void reconcile(Map<String, ChannelSpec> declared, Reconciliation r) {
        Map<String, Managed<ChannelSpec>> known = r.all(ManagedKind.CHANNEL, ChannelSpec.class);
        for (Map.Entry<String, ChannelSpec> e : new TreeMap<>(declared).entrySet()) {
            String name = e.getKey();
            ChannelSpec wanted = e.getValue();
            Managed<ChannelSpec> record = known.get(name);
            Optional<ChannelView> existing =
                    record == null ? adoptable(name, known) : live.channelView(record.resourceId());
            if (existing.isEmpty()) {
                String id = create.create(
                                new CreateChannelRequest(
                                        name,
                                        wanted.type(),
                                        wanted.baseUrl(),
                                        wanted.keys(),
                                        wanted.models(),
                                        wanted.modelMapping(),
                                        wanted.groups(),
                                        wanted.priority(),
                                        wanted.weight(),
                                        wanted.maxConcurrency(),
                                        wanted.options()),
                                r.caller())
                        .id();
                r.changed(ManagedKind.CHANNEL, name, "created (declared in the file)");
                if ("disabled".equals(wanted.status())) {
                    manage.update(id, statusOnly("disabled"), r.caller());
                    r.changed(ManagedKind.CHANNEL, name, "disabled (declared disabled)");
                }
                r.save(ManagedKind.CHANNEL, new Managed<>(name, id, wanted.withoutSecrets(), true));
                continue;
            }
            String id = existing.get().id();
            ChannelSpec before = record != null && record.active()
                    ? record.applied()
                    : live.channel(existing.get()).withoutSecrets();
            ChannelSpec after = wanted.withoutSecrets();
            List<String> fields = differences(before, after);
            if (!fields.isEmpty()) {
                manage.update(id, changes(wanted, before, after), r.caller());
                r.changed(ManagedKind.CHANNEL, name, String.join(", ", fields) + " changed in the file");
            }
            if (!before.status().equals(after.status())) {
                manage.update(id, statusOnly(after.status()), r.caller());
                r.changed(ManagedKind.CHANNEL, name, after.status() + " (status changed in the file)");
            }
            if (record == null
                    || !record.active()
                    || !after.equals(record.applied())
                    || !record.resourceId().equals(id)) {
                if (record == null || !record.active()) {
                    r.changed(ManagedKind.CHANNEL, name, "now managed by the file");
                }
                r.save(ManagedKind.CHANNEL, new Managed<>(name, id, after, true));
            }
        }
        for (Managed<ChannelSpec> record : known.values()) {
            if (record.active() && !declared.containsKey(record.name())) {
                Optional<ChannelView> view = live.channelView(record.resourceId());
                if (view.isPresent() && !"disabled".equals(view.get().status())) {
                    manage.update(record.resourceId(), statusOnly("disabled"), r.caller());
                    r.changed(ManagedKind.CHANNEL, record.name(), "disabled (removed from the file)");
                } else {
                    r.changed(ManagedKind.CHANNEL, record.name(), "released (removed from the file)");
                }
                r.save(
                        ManagedKind.CHANNEL,
                        new Managed<>(
                                record.name(),
                                record.resourceId(),
                                record.applied().withStatus("disabled"),
                                false));
            }
        }
    }

    /** The one platform channel of this name that no other declaration manages, if there is exactly one. */
    private Optional<ChannelView> adoptable(String name, Map<String, Managed<ChannelSpec>> known) {
        List<ChannelView> named = live.platformChannels().stream()
                .filter(v -> v.name().equals(name))
                .filter(v ->
                        known.values().stream().noneMatch(m -> m.resourceId().equals(v.id())))
                .toList();
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }

    /** The type of the channel a declaration would change, when it exists (a type cannot change). */
    Optional<String> existingType(String name, Map<String, Managed<ChannelSpec>> known) {
        Managed<ChannelSpec> record = known.get(name);
        Optional<ChannelView> existing =
                record == null ? adoptable(name, known) : live.channelView(record.resourceId());
        return existing.map(ChannelView::type);
    }

    static List<String> differences(ChannelSpec a, ChannelSpec b) {
        List<String> out = new ArrayList<>();
        diff(out, "type", a.type(), b.type());
        diff(out, "baseUrl", a.baseUrl(), b.baseUrl());
        diff(out, "keys", a.keys(), b.keys());
        diff(out, "models", a.models(), b.models());
        diff(out, "modelMapping", a.modelMapping(), b.modelMapping());
        diff(out, "groups", a.groups(), b.groups());
        diff(out, "priority", a.priority(), b.priority());
        diff(out, "weight", a.weight(), b.weight());
        diff(out, "maxConcurrency", a.maxConcurrency(), b.maxConcurrency());
        diff(out, "options", a.options(), b.options());
        return out;
    }

    private static void diff(List<String> out, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(field);
        }
    }

    /** Only the fields that differ; {@code wanted} holds the clear keys. */
    private static ChannelChanges changes(ChannelSpec wanted, ChannelSpec before, ChannelSpec after) {
        return new ChannelChanges(
                null,
                eq(before.baseUrl(), after.baseUrl()) ? null : after.baseUrl(),
                eq(before.keys(), after.keys()) ? null : wanted.keys(),
                eq(before.models(), after.models()) ? null : after.models(),
                eq(before.modelMapping(), after.modelMapping()) ? null : after.modelMapping(),
                eq(before.groups(), after.groups()) ? null : after.groups(),
                eq(before.priority(), after.priority()) ? null : after.priority(),
                eq(before.weight(), after.weight()) ? null : after.weight(),
                eq(before.maxConcurrency(), after.maxConcurrency()) ? null : after.maxConcurrency(),
                !eq(before.maxConcurrency(), after.maxConcurrency()) && after.maxConcurrency() == null,
                eq(before.options(), after.options()) ? null : after.options(),
                null);
    }

    private static boolean eq(Object a, Object b) {
        return Objects.equals(a, b);
    }

    private static ChannelChanges statusOnly(String status) {
        return new ChannelChanges(null, null, null, null, null, null, null, null, null, false, null, status);
    }
}
