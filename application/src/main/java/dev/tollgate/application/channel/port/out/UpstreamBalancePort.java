package dev.tollgate.application.channel.port.out;

import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.util.Optional;

/**
 * Asks a provider how much credit a channel's upstream account has left, for the providers that publish it
 * (OpenAI-style billing endpoints, DeepSeek, SiliconFlow, OpenRouter).
 */
public interface UpstreamBalancePort {
    /**
     * The account's remaining balance, or empty when the channel's type publishes no balance endpoint. Throws
     * {@link UpstreamException} when the provider could not be reached or answered with an error or an answer
     * that cannot be read (the message says which, never the key).
     */
    Optional<UpstreamBalance> fetch(UpstreamTarget target) throws UpstreamException;
}
