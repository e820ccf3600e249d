package dev.tollgate.application.account.port.in;

import java.time.Instant;

/** A user as the admin API shows them (never the password hash). */
public record AccountView(String id, String username, String role, String status, Instant registeredAt) {}
