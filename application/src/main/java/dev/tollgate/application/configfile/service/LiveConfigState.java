package dev.tollgate.application.configfile.service;

import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.IncentiveUseCase;
import dev.tollgate.application.billing.port.in.PriceQueryUseCase;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.configfile.port.out.ChannelKeysPort;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.DeclaredState;
import dev.tollgate.application.configfile.port.out.OrganizationSpec;
import dev.tollgate.application.configfile.port.out.PriceSpec;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.PolicyView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's current configuration in the configuration file's terms, read from the in-memory views: platform
 * channels (with their clear keys), prices, group multipliers, shared organisations, registration and incentives.
 * A channel Tollgate disabled itself ({@code auto_disabled}) counts as enabled: the file does not fight the health
 * check.
 */
public class LiveConfigState {
    private final ChannelDirectory channels;
    private final ChannelKeysPort secrets;
    private final PriceQueryUseCase prices;
    private final GroupMultiplierUseCase multipliers;
    private final OrganizationUseCase organizations;
    private final SelfServiceUseCase registration;
    private final IncentiveUseCase incentives;

    public LiveConfigState(
            ChannelDirectory channels,
            ChannelKeysPort secrets,
            PriceQueryUseCase prices,
            GroupMultiplierUseCase multipliers,
            OrganizationUseCase organizations,
            SelfServiceUseCase registration,
            IncentiveUseCase incentives) {
        this.channels = channels;
        this.secrets = secrets;
        this.prices = prices;
        this.multipliers = multipliers;
        this.organizations = organizations;
        this.registration = registration;
        this.incentives = incentives;
    }

    /** Everything, keyed by name (the first of several platform channels or organisations of one name wins). */
    DeclaredState read(Caller root) {
        Map<String, ChannelSpec> channelSpecs = new LinkedHashMap<>();
        for (ChannelView v : platformChannels()) {
            channelSpecs.putIfAbsent(v.name(), channel(v));
        }
        Map<String, PriceSpec> priceSpecs = new LinkedHashMap<>();
        for (PriceView p : prices.prices()) {
            priceSpecs.put(p.model(), price(p));
        }
        Map<String, OrganizationSpec> organizationSpecs = new LinkedHashMap<>();
        for (OrganizationView o : sharedOrganizations(root)) {
            organizationSpecs.putIfAbsent(o.name(), organization(o.id(), root).orElseThrow());
        }
        return new DeclaredState(
                channelSpecs,
                priceSpecs,
                multipliers.multipliers(),
                organizationSpecs,
                registration.registrationMode(),
                incentives.incentives(),
                Map.of());
    }

    List<ChannelView> platformChannels() {
        return channels.all().stream().filter(v -> !v.privateChannel()).toList();
    }

    Optional<ChannelView> channelView(String channelId) {
        return channels.find(channelId);
    }

    /** A channel as the file would declare it, with its clear keys. */
    ChannelSpec channel(ChannelView v) {
        String status = "disabled".equals(v.status()) ? "disabled" : "enabled";
        return new ChannelSpec(
                v.type(),
                v.baseUrl(),
                secrets.load(v.id()),
                v.models(),
                v.modelMapping() == null ? Map.of() : v.modelMapping(),
                v.groups(),
                v.priority(),
                v.weight(),
                v.maxConcurrency(),
                v.options() == null ? Map.of() : v.options(),
                status);
    }

    Optional<PriceSpec> price(String model) {
        return prices.price(model).map(LiveConfigState::price);
    }

    private static PriceSpec price(PriceView p) {
        return new PriceSpec(p.input(), p.output(), p.cachedInput(), p.perImage(), p.perAudioSecond(), p.perRequest());
    }

    List<OrganizationView> sharedOrganizations(Caller root) {
        return organizations.list(root).stream().filter(o -> !o.personal()).toList();
    }

    Optional<OrganizationSpec> organization(String id, Caller root) {
        return sharedOrganizations(root).stream()
                .filter(o -> o.id().equals(id))
                .findFirst()
                .map(o -> {
                    PolicyView policy = organizations.policy(id, root);
                    return new OrganizationSpec(
                            "enabled".equals(o.status()) ? "enabled" : "disabled",
                            policy.groups(),
                            policy.models(),
                            policy.rpm(),
                            policy.tpm());
                });
    }

    String registrationMode() {
        return registration.registrationMode();
    }

    dev.tollgate.application.billing.port.in.Incentives incentives() {
        return incentives.incentives();
    }
}
