package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase;
import dev.tollgate.application.billing.port.in.PriceQueryUseCase;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.command.SetModelPriceCommand;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
        return setPrice(model, new Price(inputPerMillion, outputPerMillion), caller);
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
            Map<String, BigDecimal> modelRatio, Map<String, BigDecimal> completionRatio, Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may set prices");
        }
        Map<String, Price> prices = new TreeMap<>();
        modelRatio.forEach((model, ratio) -> {
            BigDecimal completion = completionRatio.getOrDefault(model, BigDecimal.ONE);
            if (ratio == null || ratio.signum() < 0 || completion == null || completion.signum() < 0) {
                throw new InvalidValueException(
                        "ModelRatio", "ratios must be numbers of 0 or more (model " + model + ")");
            }
            prices.put(model, new Price(units(ratio), units(ratio.multiply(completion))));
        });
        prices.forEach((model, price) -> setPrice(model, price.inputPerMillion(), price.outputPerMillion(), caller));
        return new ImportResult(prices.size(), List.copyOf(prices.keySet()));
    }

    private static long units(BigDecimal ratio) {
        try {
            return ratio.multiply(MILLION).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValueException("ModelRatio", "ratio " + ratio + " is too large");
        }
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
        for (PriceView p : book.all()) {
            if (p.input() == 0 && p.output() != 0) {
                notExpressible.add(p.model());
                continue;
            }
            modelRatio.put(
                    p.model(), BigDecimal.valueOf(p.input()).divide(MILLION).stripTrailingZeros());
            if (p.input() != 0 && p.output() != p.input()) {
                // 34 significant digits: importing the ratios again gives back the same output price for any
                // prices (with a fixed 6 decimals, 10,000,000 / 3,000,000 came back as 9,999,999)
                completionRatio.put(
                        p.model(),
                        BigDecimal.valueOf(p.output())
                                .divide(BigDecimal.valueOf(p.input()), java.math.MathContext.DECIMAL128)
                                .stripTrailingZeros());
            }
        }
        return new ExportedRatios(modelRatio, completionRatio, notExpressible);
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
