package dev.tollgate.archfixture.adapter.in.web;

/** A web adapter class, target of the adapter-isolation fixtures. */
public record ChannelResponse(String name) {}
