package dev.tollgate.application.configfile.service;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.configfile.port.in.ConfigFileStatus;
import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.ConfigFileSourcePort;
import dev.tollgate.application.configfile.port.out.ConfigProblem;
import dev.tollgate.application.configfile.port.out.DeclaredState;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort;
import dev.tollgate.application.configfile.port.out.ParsedConfigFile;
import dev.tollgate.domain.account.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configuration file: reads it when its bytes changed, validates it whole, then — holding the
 * cluster-wide lock, and only when no node applied these bytes yet — brings channels, prices, group multipliers,
 * organisations and settings to what it declares, through the usual use cases acting as {@value #ACTOR} with root's
 * rights. An invalid file changes nothing: its problems (each with its line) are logged once and kept in the status
 * until the file changes; the last good file stays in force. A failure while applying is retried at the next check.
 */
public class ConfigFileService implements ConfigFileUseCase {
    public static final String ACTOR = "config file";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileService.class);

    private final ConfigFileSourcePort source;
    private final ManagedResourcePort managed;
    private final ClockPort clock;
    private final DeclaredStateValidator validator;
    private final ChannelReconciler channels;
    private final PriceReconciler prices;
    private final OrganizationReconciler organizations;
    private final SettingsReconciler settings;
    private final Caller caller = new Caller(UserId.ROOT.value(), true, ACTOR);
    private volatile ConfigFileStatus status;
    private String lastDigest;

    public ConfigFileService(
            ConfigFileSourcePort source, ManagedResourcePort managed, ClockPort clock, ConfigFileCollaborators use) {
        this.source = source;
        this.managed = managed;
        this.clock = clock;
        this.validator = new DeclaredStateValidator(use.multipliers());
        this.channels = new ChannelReconciler(use.createChannel(), use.manageChannel(), use.live());
        this.prices = new PriceReconciler(use.prices(), use.multipliers(), use.live());
        this.organizations = new OrganizationReconciler(use.organizations(), use.live());
        this.settings = new SettingsReconciler(use.registration(), use.incentives(), use.live());
        this.status = new ConfigFileStatus(source.location(), "unread", null, null, null, List.of(), List.of());
    }

    @Override
    public synchronized void sync() {
        Optional<String> digest = source.digest();
        if (digest.isPresent() && digest.get().equals(lastDigest)) {
            return;
        }
        ParsedConfigFile parsed = source.read();
        Instant now = clock.now();
        if (!parsed.valid()) {
            refuse(parsed, parsed.problems(), now);
            return;
        }
        try {
            ConfigFileStatus result = managed.exclusively(() -> apply(parsed, now));
            status = result;
            lastDigest =
                    "invalid".equals(result.state()) || "failed".equals(result.state()) ? lastDigest : parsed.digest();
        } catch (RuntimeException e) {
            List<ConfigProblem> problems = List.of(new ConfigProblem(1, "applying the file failed: " + e.getMessage()));
            if (!"failed".equals(status.state()) || !problems.equals(status.problems())) {
                LOG.warn(
                        "configuration file {}: applying it failed, trying again at every check: {}",
                        parsed.file(),
                        e.getMessage());
            }
            status = new ConfigFileStatus(
                    parsed.file(), "failed", parsed.digest(), now, status.appliedAt(), problems, List.of());
        }
    }

    private ConfigFileStatus apply(ParsedConfigFile parsed, Instant now) {
        if (managed.appliedDigest().filter(parsed.digest()::equals).isPresent()) {
            return new ConfigFileStatus(
                    parsed.file(),
                    "applied",
                    parsed.digest(),
                    now,
                    status.appliedAt() == null ? now : status.appliedAt(),
                    List.of(),
                    List.of());
        }
        var known = managed.all(ManagedKind.CHANNEL.code(), ChannelSpec.class);
        DeclaredStateValidator.Result checked =
                validator.validate(parsed.state(), name -> channels.existingType(name, known));
        if (!checked.problems().isEmpty()) {
            refuse(parsed, checked.problems(), now);
            return status;
        }
        DeclaredState d = checked.state();
        Reconciliation r = new Reconciliation(caller, managed, parsed.file(), now);
        prices.reconcilePrices(d.prices(), r);
        prices.reconcileMultipliers(d.groupMultipliers(), r);
        channels.reconcile(d.channels(), r);
        organizations.reconcile(d.organizations(), r);
        settings.reconcile(d.registration(), d.incentives(), r);
        managed.recordApplied(parsed.digest(), now);
        LOG.info(
                "configuration file {} applied: {} change(s)",
                parsed.file(),
                r.changes().size());
        return new ConfigFileStatus(parsed.file(), "applied", parsed.digest(), now, now, List.of(), r.changes());
    }

    private void refuse(ParsedConfigFile parsed, List<ConfigProblem> problems, Instant now) {
        if (!"invalid".equals(status.state()) || !problems.equals(status.problems())) {
            for (ConfigProblem p : problems) {
                LOG.warn(
                        "configuration file {} line {}: {} (nothing was changed; the last valid file stays in force)",
                        parsed.file(),
                        p.line(),
                        p.reason());
            }
        }
        status = new ConfigFileStatus(
                parsed.file(), "invalid", parsed.digest(), now, status.appliedAt(), problems, List.of());
        lastDigest = parsed.digest();
    }

    @Override
    public ConfigFileStatus status() {
        return status;
    }

    @Override
    public ConfigFileStatus status(Caller who) {
        who.requireAdmin("only platform admins read the configuration file's status");
        return status;
    }

    @Override
    public Optional<String> managedBy(ManagedKind kind, String resourceId) {
        return managed.activeIds(kind.code()).contains(resourceId) ? Optional.of(source.location()) : Optional.empty();
    }

    @Override
    public Set<String> managed(ManagedKind kind) {
        return managed.activeIds(kind.code());
    }
}
