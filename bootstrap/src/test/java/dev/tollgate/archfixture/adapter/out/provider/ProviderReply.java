package dev.tollgate.archfixture.adapter.out.provider;

/** A provider adapter class, target of the adapter-isolation fixtures. */
public record ProviderReply(String text) {}
