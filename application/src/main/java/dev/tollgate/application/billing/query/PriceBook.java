package dev.tollgate.application.billing.query;

import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.event.GroupMultiplierSetEvent;
import dev.tollgate.domain.billing.event.ModelPriceRemovedEvent;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * In-memory price table the relay reads on every request, kept current by price events.
 *
 * <p>A realtime model's audio tokens are priced as {@code <model>:audio}: an entry of that name when one was set (how
 * audio was priced before a model's price had audio fields), else the audio input and output prices of the model's
 * own price.
 */
public class PriceBook {
    /** The suffix of the price entry a realtime model's audio tokens are priced by. */
    public static final String AUDIO_SUFFIX = ":audio";

    private final Map<String, PriceView> prices = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;

    public PriceBook(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(ModelPriceSetEvent event, @SequenceNumber long sequence) {
        prices.put(event.model(), PriceView.of(event.model(), event.price(), event.at()));
        freshness.applied(event.model(), sequence);
    }

    @EventHandler
    void on(ModelPriceRemovedEvent event, @SequenceNumber long sequence) {
        prices.remove(event.model());
        freshness.applied(event.model(), sequence);
    }

    public Optional<Price> priceOf(String model) {
        PriceView v = prices.get(model);
        if (v != null) {
            return Optional.of(v.price());
        }
        if (model != null && model.endsWith(AUDIO_SUFFIX)) {
            PriceView base = prices.get(model.substring(0, model.length() - AUDIO_SUFFIX.length()));
            if (base != null && base.price().pricesAudio()) {
                return Optional.of(base.price().audioPrice());
            }
        }
        return Optional.empty();
    }

    private final Map<String, Long> groupPerMille = new ConcurrentHashMap<>();

    @EventHandler
    void on(GroupMultiplierSetEvent event, @SequenceNumber long sequence) {
        groupPerMille.put(event.group(), event.perMille());
        freshness.applied(event.policyId(), sequence);
    }

    /** The model's price for a key of this routing group: the list price times the group's multiplier. */
    public Optional<Price> priceOf(String model, String group) {
        long perMille = multiplierOf(group);
        return priceOf(model).map(p -> p.withMultiplier(perMille));
    }

    /** A group's multiplier in thousandths (1,000 when none is set). */
    public long multiplierOf(String group) {
        return group == null ? 1_000 : groupPerMille.getOrDefault(group, 1_000L);
    }

    /** Every group's multiplier that was set, in thousandths, by group. */
    public Map<String, Long> multipliers() {
        return new TreeMap<>(groupPerMille);
    }

    public Optional<PriceView> find(String model) {
        return Optional.ofNullable(prices.get(model));
    }

    public List<PriceView> all() {
        return prices.values().stream()
                .sorted(Comparator.comparing(PriceView::model))
                .toList();
    }
}
