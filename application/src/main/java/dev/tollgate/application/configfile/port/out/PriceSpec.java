package dev.tollgate.application.configfile.port.out;

/** A model's price as declared, in quota units (per one million tokens; per image, audio second, request). */
public record PriceSpec(
        long input, long output, long cachedInput, long perImage, long perAudioSecond, long perRequest) {}
