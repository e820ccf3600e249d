package dev.tollgate.application.channel.port.out;

import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.util.List;
import java.util.Optional;

/** Asks a provider which models a channel's upstream account serves (its own {@code /models} list). */
public interface UpstreamModelsPort {
    /** Most model names one answer may hold; more is refused as a broken answer. */
    int MAX_MODELS = 2_000;

    /**
     * The upstream's model names, sorted and without duplicates, or empty when the channel's type publishes no model
     * list. Throws {@link UpstreamException} when the provider could not be reached, answered with an error or with
     * an answer that cannot be read (the message says which, never the key).
     */
    Optional<List<String>> list(UpstreamTarget target) throws UpstreamException;
}
