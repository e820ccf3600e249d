package dev.tollgate.application.configfile.service;

import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort.Managed;
import dev.tollgate.application.configfile.port.out.OrganizationSpec;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Brings shared organisations to what the file declares, by name: creates one (owned by root), adopts an existing
 * shared organisation of that name the first time, changes its status and its grants (groups, models, limits) when
 * they differ; one removed from the file is disabled, never deleted.
 */
final class OrganizationReconciler {
    private final OrganizationUseCase organizations;
    private final LiveConfigState live;

    OrganizationReconciler(OrganizationUseCase organizations, LiveConfigState live) {
        this.organizations = organizations;
        this.live = live;
    }

    void reconcile(Map<String, OrganizationSpec> declared, Reconciliation r) {
        Map<String, Managed<OrganizationSpec>> known = r.all(ManagedKind.ORGANIZATION, OrganizationSpec.class);
        List<OrganizationView> shared = live.sharedOrganizations(r.caller());
        for (Map.Entry<String, OrganizationSpec> e : new TreeMap<>(declared).entrySet()) {
            String name = e.getKey();
            OrganizationSpec wanted = e.getValue();
            Managed<OrganizationSpec> record = known.get(name);
            Optional<String> existing = record != null
                    ? shared.stream()
                            .map(OrganizationView::id)
                            .filter(record.resourceId()::equals)
                            .findFirst()
                    : adoptable(name, shared, known);
            String id;
            OrganizationSpec before;
            if (existing.isEmpty()) {
                id = organizations.create(name, r.caller()).id();
                r.changed(ManagedKind.ORGANIZATION, name, "created (declared in the file)");
                before = new OrganizationSpec("enabled", List.of(), List.of(), null, null);
            } else {
                id = existing.get();
                before = record != null && record.active()
                        ? record.applied()
                        : live.organization(id, r.caller()).orElseThrow();
            }
            if (!before.status().equals(wanted.status())) {
                organizations.setEnabled(id, "enabled".equals(wanted.status()), r.caller());
                r.changed(ManagedKind.ORGANIZATION, name, wanted.status() + " (status changed in the file)");
            }
            if (!Objects.equals(before.groups(), wanted.groups())
                    || !Objects.equals(before.models(), wanted.models())
                    || !Objects.equals(before.rpm(), wanted.rpm())
                    || !Objects.equals(before.tpm(), wanted.tpm())) {
                organizations.grant(id, wanted.groups(), wanted.models(), wanted.rpm(), wanted.tpm(), r.caller());
                r.changed(ManagedKind.ORGANIZATION, name, "grants changed in the file");
            }
            if (record == null
                    || !record.active()
                    || !wanted.equals(record.applied())
                    || !record.resourceId().equals(id)) {
                r.save(ManagedKind.ORGANIZATION, new Managed<>(name, id, wanted, true));
            }
        }
        for (Managed<OrganizationSpec> record : known.values()) {
            if (record.active() && !declared.containsKey(record.name())) {
                boolean enabled = shared.stream()
                        .anyMatch(o -> o.id().equals(record.resourceId()) && "enabled".equals(o.status()));
                if (enabled) {
                    organizations.setEnabled(record.resourceId(), false, r.caller());
                }
                r.changed(
                        ManagedKind.ORGANIZATION,
                        record.name(),
                        (enabled ? "disabled" : "released") + " (removed from the file)");
                r.save(
                        ManagedKind.ORGANIZATION,
                        new Managed<>(record.name(), record.resourceId(), record.applied(), false));
            }
        }
    }

    private static Optional<String> adoptable(
            String name, List<OrganizationView> shared, Map<String, Managed<OrganizationSpec>> known) {
        List<String> ids = shared.stream()
                .filter(o -> o.name().equals(name))
                .map(OrganizationView::id)
                .filter(id ->
                        known.values().stream().noneMatch(m -> m.resourceId().equals(id)))
                .toList();
        return ids.size() == 1 ? Optional.of(ids.getFirst()) : Optional.empty();
    }
}
