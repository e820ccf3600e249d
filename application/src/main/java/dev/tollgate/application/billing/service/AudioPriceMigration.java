package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.command.RemoveModelPriceCommand;
import dev.tollgate.domain.billing.command.SetModelPriceCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the old form of a realtime model's audio price — a price entry named {@code <model>:audio} whose input and
 * output prices were the audio input and output prices — into the model's own price ({@code audioInput},
 * {@code audioOutput}), then removes the old entry. Idempotent: setting an equal price records nothing, removing a
 * removed price records nothing, and once no {@code :audio} entry is left a run does nothing (two nodes starting at
 * once record each change once). Left as they are, and logged: an entry whose model has no price of its own (its
 * text tokens have no price to attach the audio prices to), and one the two audio fields cannot express (a cached
 * audio price of its own, or a per-image, per-second or per-request price).
 */
public class AudioPriceMigration {
    /** The actor named in the events. */
    public static final String ACTOR = "system:audio-price-migration";

    private static final Logger log = LoggerFactory.getLogger(AudioPriceMigration.class);

    private final CommandGateway commands;
    private final PriceBook book;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public AudioPriceMigration(CommandGateway commands, PriceBook book, ClockPort clock, ViewFreshness freshness) {
        this.commands = commands;
        this.book = book;
        this.clock = clock;
        this.freshness = freshness;
    }

    /** What a run did: the models whose audio prices were moved, and the old entries left (no model price). */
    public record Result(List<String> migrated, List<String> left) {}

    public Result migrate() {
        List<String> migrated = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (PriceView old : book.all()) {
            String name = old.model();
            if (!name.endsWith(PriceBook.AUDIO_SUFFIX)) {
                continue;
            }
            String model = name.substring(0, name.length() - PriceBook.AUDIO_SUFFIX.length());
            Optional<PriceView> own = book.find(model);
            if (own.isEmpty() || model.isEmpty()) {
                log.warn("price '{}' was not migrated: the model '{}' has no price of its own", name, model);
                left.add(name);
                continue;
            }
            Price audio = old.price();
            if (audio.cachedInputPerMillion() != audio.inputPerMillion()
                    || audio.perImage() != 0
                    || audio.perAudioSecond() != 0
                    || audio.perRequest() != 0) {
                log.warn(
                        "price '{}' was not migrated: its cached-input, per-image, per-second or per-request price "
                                + "has no place in the audio fields of '{}'",
                        name,
                        model);
                left.add(name);
                continue;
            }
            Instant at = clock.now();
            Price p = own.get().price();
            Price withAudio = new Price(
                    p.inputPerMillion(),
                    p.outputPerMillion(),
                    p.perImage(),
                    p.perAudioSecond(),
                    p.perRequest(),
                    p.cachedInputPerMillion(),
                    p.cacheWritePerMillion(),
                    audio.inputPerMillion(),
                    audio.outputPerMillion());
            long version = commands.sendAndWait(new SetModelPriceCommand(model, withAudio, ACTOR, at));
            freshness.await(model, version, Duration.ofSeconds(5));
            long removed = commands.sendAndWait(new RemoveModelPriceCommand(name, ACTOR, at));
            freshness.await(name, removed, Duration.ofSeconds(5));
            log.info("price '{}' moved into the audio prices of '{}'", name, model);
            migrated.add(model);
        }
        return new Result(List.copyOf(migrated), List.copyOf(left));
    }
}
