package dev.tollgate.application.configfile.service;

import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.ConfigProblem;
import dev.tollgate.application.configfile.port.out.DeclaredState;
import dev.tollgate.application.configfile.port.out.OrganizationSpec;
import dev.tollgate.application.configfile.port.out.PriceSpec;
import dev.tollgate.domain.account.RegistrationMode;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.command.SetIncentivesCommand;
import dev.tollgate.domain.channel.ChannelSettings;
import dev.tollgate.domain.channel.ChannelType;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationPolicy;
import dev.tollgate.domain.token.RateLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a whole declaration against the rules the commands apply (channel settings and keys, prices, multipliers,
 * organisation names, registration mode, incentives) so that an invalid file is refused before anything changes, each
 * problem with the line of its entry. A channel's base URL left out becomes its type's default, as the API does.
 */
final class DeclaredStateValidator {
    /** The organisations root may own (as the organisation service allows every user). */
    static final int MAX_ORGANIZATIONS = 20;

    private final GroupMultiplierUseCase multipliers;

    DeclaredStateValidator(GroupMultiplierUseCase multipliers) {
        this.multipliers = multipliers;
    }

    /** The result: the declaration with defaults filled in, or the problems (then nothing may change). */
    record Result(DeclaredState state, List<ConfigProblem> problems) {}

    /**
     * @param existingChannelType the type of the channel a declared name stands for, when it exists already
     */
    Result validate(DeclaredState d, Function<String, Optional<String>> existingChannelType) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        d.channels().forEach((name, c) -> {
            int line = d.line("channels", name);
            try {
                ChannelType type = ChannelType.fromCode(c.type());
                String baseUrl = type.baseUrlOrDefault(c.baseUrl());
                ChannelSettings settings = new ChannelSettings(
                        name,
                        type,
                        baseUrl,
                        c.models(),
                        c.modelMapping(),
                        c.groups(),
                        c.priority(),
                        c.weight(),
                        c.maxConcurrency(),
                        c.options());
                if (c.keys().isEmpty() || c.keys().stream().anyMatch(k -> k.isBlank() || k.length() > 4096)) {
                    throw new InvalidValueException(
                            "keys", "a channel needs at least one upstream key, each of 1 to " + "4096 characters");
                }
                existingChannelType
                        .apply(name)
                        .filter(t -> !t.equals(type.code()))
                        .ifPresent(t -> {
                            throw new InvalidValueException(
                                    "type",
                                    "the channel exists with type '" + t + "'; a type "
                                            + "cannot change (give the new channel another name)");
                        });
                channels.put(
                        name,
                        new ChannelSpec(
                                type.code(),
                                baseUrl,
                                c.keys(),
                                settings.models(),
                                settings.modelMapping(),
                                settings.groups(),
                                c.priority(),
                                c.weight(),
                                c.maxConcurrency(),
                                settings.options(),
                                c.status()));
            } catch (InvalidValueException e) {
                problems.add(new ConfigProblem(line, "channel '" + name + "': " + e.getMessage()));
            }
        });
        d.prices()
                .forEach((model, p) ->
                        check(problems, d.line("prices", model), "price of '" + model + "'", () -> price(p)));
        d.groupMultipliers()
                .forEach((group, m) -> check(
                        problems,
                        d.line("groupMultipliers", group),
                        "multiplier of group '" + group + "'",
                        () -> multipliers.check(Map.of(group, m))));
        if (d.organizations().size() > MAX_ORGANIZATIONS) {
            problems.add(new ConfigProblem(
                    d.line("sections", "organizations"),
                    "at most " + MAX_ORGANIZATIONS + " organisations may be declared (root owns them)"));
        }
        d.organizations()
                .forEach((name, o) -> check(
                        problems,
                        d.line("organizations", name),
                        "organisation '" + name + "'",
                        () -> organization(name, o)));
        if (d.registration() != null) {
            check(
                    problems,
                    d.line("settings", "registration"),
                    "registration",
                    () -> RegistrationMode.fromCode(d.registration()));
        }
        if (d.incentives() != null) {
            check(problems, d.line("settings", "incentives"), "incentives", () -> incentives(d.incentives()));
        }
        problems.sort(java.util.Comparator.comparingInt(ConfigProblem::line));
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(
                new DeclaredState(
                        channels,
                        d.prices(),
                        d.groupMultipliers(),
                        d.organizations(),
                        d.registration(),
                        d.incentives(),
                        d.lines()),
                List.of());
    }

    private static void check(List<ConfigProblem> problems, int line, String what, Runnable rule) {
        try {
            rule.run();
        } catch (InvalidValueException e) {
            problems.add(new ConfigProblem(line, what + ": " + e.getMessage()));
        }
    }

    private static void price(PriceSpec p) {
        new Price(p.input(), p.output(), p.perImage(), p.perAudioSecond(), p.perRequest(), p.cachedInput());
    }

    private static void organization(String name, OrganizationSpec o) {
        if (name.isBlank() || name.strip().length() != name.length() || name.length() > 100) {
            throw new InvalidValueException("name", "a name has 1 to 100 characters, without spaces around it");
        }
        new OrganizationPolicy(o.groups(), o.models(), new RateLimit(o.rpm(), o.tpm()));
    }

    private static void incentives(Incentives i) {
        new SetIncentivesCommand(
                "validation",
                i.signupBonus(),
                i.checkInBonus(),
                i.inviteeBonus(),
                i.inviterReward(),
                i.inviterRewardOn(),
                i.inviterRewardCap(),
                "config file",
                Instant.EPOCH);
    }
}
