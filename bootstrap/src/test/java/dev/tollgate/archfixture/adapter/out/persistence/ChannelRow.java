package dev.tollgate.archfixture.adapter.out.persistence;

/** A persistence adapter class, target of the adapter-isolation fixtures. */
public record ChannelRow(String name) {}
