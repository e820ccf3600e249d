package dev.tollgate.adapter.in.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler (or every handler of a controller) that a personal access token may not call, whatever its scope:
 * what would let a leaked token outlive its revocation or lock its owner out (minting tokens, the password, the
 * e-mail address, linked identities, a password reset). {@link CallerRestrictions} enforces it on the handler that
 * will run, so no spelling of the path gets around it.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SessionOnly {}
