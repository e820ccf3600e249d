package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Arrays;

/** The protocol family a channel speaks. Only OpenAI-compatible upstreams exist so far. */
public enum ChannelType {
    OPENAI("openai");

    private final String code;

    ChannelType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ChannelType fromCode(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidValueException("type",
                        "unknown channel type '" + code + "'; supported: openai"));
    }
}
