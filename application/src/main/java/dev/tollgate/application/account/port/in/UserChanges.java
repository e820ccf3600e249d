package dev.tollgate.application.account.port.in;

/** A partial change of a user by an admin: a null field is left as it is. */
public record UserChanges(String role, String status) {}
