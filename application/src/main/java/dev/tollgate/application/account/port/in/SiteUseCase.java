package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;

/**
 * The installation's name, logo, notice shown after sign-in and footer, as one-api's site settings: anyone reads
 * them (the sign-in page shows them), platform admins replace them.
 */
public interface SiteUseCase {
    SiteView site();

    /**
     * Replaces all four (null or blank: empty).
     *
     * @throws dev.tollgate.domain.common.InvalidValueException when one is too long, not plain text, or the logo is
     *                                                          not an inline PNG, JPEG, GIF or WebP image
     */
    SiteView set(String name, String logo, String notice, String footer, Caller caller);
}
