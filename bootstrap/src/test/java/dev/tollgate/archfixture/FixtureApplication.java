package dev.tollgate.archfixture;

/** Plays the bootstrap root package's application class. */
public final class FixtureApplication {}
