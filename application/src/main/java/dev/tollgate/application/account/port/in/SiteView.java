package dev.tollgate.application.account.port.in;

import java.time.Instant;

/**
 * What the console shows of the installation; empty strings when unset.
 *
 * @param logo      an inline image ({@code data:image/…;base64,…}) or empty
 * @param updatedAt when it was last changed, or null when never
 */
public record SiteView(String name, String logo, String notice, String footer, Instant updatedAt) {}
