package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase;
import dev.tollgate.application.billing.port.in.PriceQueryUseCase;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.CachePriceDefaults;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.command.SetModelPriceCommand;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Price administration. */
public class PriceService
        implements SetPriceUseCase,
                PriceQueryUseCase,
                OneApiRatiosUseCase,
                dev.tollgate.application.billing.port.in.GroupMultiplierUseCase {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final CommandGateway commands;
    private final PriceBook book;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public PriceService(CommandGateway commands, PriceBook book, ClockPort clock, ViewFreshness freshness) {
        this.commands = commands;
        this.book = book;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public PriceView setPrice(String model, long inputPerMillion, long outputPerMillion, Caller caller) {
        return setPrice(
                model,
                new Price(
                        inputPerMillion,
                        outputPerMillion,
                        0,
                        0,
                        0,
                        CachePriceDefaults.cacheRead(model, inputPerMillion),
                        CachePriceDefaults.cacheWrite(model, inputPerMillion),
                        0,
                        0),
                caller);
    }

    @Override
    public PriceView setPrice(String model, Price price, Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set prices");
        }
        long version = commands.sendAndWait(new SetModelPriceCommand(model, price, caller.actor(), clock.now()));
        freshness.await(model, version, Duration.ofSeconds(5));
        return book.find(model).orElseThrow();
    }

    @Override
    public ImportResult importRatios(
            Map<String, BigDecimal> modelRatio,
            Map<String, BigDecimal> completionRatio,
            ExtraRatios extra,
            Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set prices");
        }
        Map<String, Price> prices = new TreeMap<>();
        modelRatio.forEach(
                (model, ratio) -> prices.put(model, OneApiRatioPrices.price(model, ratio, completionRatio, extra)));
        prices.forEach((model, price) -> setPrice(model, price, caller));
        return new ImportResult(prices.size(), List.copyOf(prices.keySet()));
    }

    @Override
    public Map<String, BigDecimal> multipliers() {
        Map<String, BigDecimal> out = new TreeMap<>();
        book.multipliers()
                .forEach((group, perMille) ->
                        out.put(group, BigDecimal.valueOf(perMille, 3).stripTrailingZeros()));
        return out;
    }

    @Override
    public BigDecimal setMultiplier(String group, BigDecimal multiplier, Caller caller) {
        Map<String, Long> checked =
                check(Map.of(group == null ? "" : group, multiplier == null ? BigDecimal.valueOf(-1) : multiplier));
        setAll(checked, caller);
        return BigDecimal.valueOf(checked.values().iterator().next(), 3).stripTrailingZeros();
    }

    @Override
    public Map<String, Long> check(Map<String, BigDecimal> groupRatio) {
        Map<String, Long> out = new TreeMap<>();
        groupRatio.forEach((group, ratio) -> {
            if (group == null || group.isBlank() || group.length() > 64) {
                throw new InvalidValueException("group", "a group name must have 1 to 64 characters");
            }
            if (ratio == null || ratio.signum() < 0 || ratio.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new InvalidValueException(
                        "multiplier", "the multiplier of group '" + group + "' must be between 0 and 100");
            }
            BigDecimal perMille = ratio.movePointRight(3);
            if (perMille.stripTrailingZeros().scale() > 0) {
                throw new InvalidValueException(
                        "multiplier",
                        "the multiplier of group '" + group + "' may have at most three decimals (" + ratio + ")");
            }
            out.put(group, perMille.longValueExact());
        });
        return out;
    }

    @Override
    public void setAll(Map<String, Long> perMille, Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set prices");
        }
        perMille.forEach((group, value) -> {
            long version = commands.sendAndWait(new dev.tollgate.domain.billing.command.SetGroupMultiplierCommand(
                    dev.tollgate.domain.billing.GroupMultipliers.ID, group, value, caller.actor(), clock.now()));
            freshness.await(dev.tollgate.domain.billing.GroupMultipliers.ID, version, java.time.Duration.ofSeconds(5));
        });
    }

    @Override
    public ExportedRatios exportRatios() {
        Map<String, BigDecimal> modelRatio = new TreeMap<>();
        Map<String, BigDecimal> completionRatio = new TreeMap<>();
        List<String> notExpressible = new ArrayList<>();
        ExtraRatios extra = new ExtraRatios(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        for (PriceView p : book.all()) {
            if (OneApiRatioPrices.notExpressible(p)) {
                notExpressible.add(p.model());
                continue;
            }
            OneApiRatioPrices.exportExtras(p, extra);
            modelRatio.put(
                    p.model(), BigDecimal.valueOf(p.input()).divide(MILLION).stripTrailingZeros());
            if (p.input() != 0 && p.output() != p.input()) {
                completionRatio.put(p.model(), OneApiRatioPrices.ratio(p.output(), p.input()));
            }
        }
        return new ExportedRatios(modelRatio, completionRatio, extra, notExpressible);
    }

    @Override
    public List<PriceView> prices() {
        return book.all();
    }

    @Override
    public Optional<PriceView> price(String model) {
        return book.find(model);
    }
}
