package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Send one small request through a channel to see whether its upstream answers (platform admins; an organisation's
 * OWNER and ADMINs for its private channels).
 */
public interface TestChannelUseCase {
    /**
     * @param model the model to ask for, or null for the channel's first model
     * @throws dev.tollgate.application.common.NotFoundException when the channel does not exist
     */
    default ChannelTestResult test(String channelId, String model, Caller caller) {
        return test(channelId, model, null, caller);
    }

    /**
     * @param endpoint the endpoint to try, as its path after {@code /v1/} ({@code chat/completions},
     *                 {@code embeddings}, {@code responses}, …), or null for chat completions
     * @throws dev.tollgate.domain.common.InvalidValueException when the endpoint is unknown or cannot be tested
     *                                                          without a file (transcriptions, image edits)
     */
    ChannelTestResult test(String channelId, String model, String endpoint, Caller caller);
}
