package dev.tollgate.archfixture.config;

/** Plays a class of the bootstrap wiring ({@code dev.tollgate.config}). */
public record FixtureSettings(int maxRetries) {}
