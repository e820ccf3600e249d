package dev.tollgate.adapter.in.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler only platform admins (ROOT, ADMIN) may call. {@link CallerRestrictions} answers anyone else 403
 * before the body or the parameters are read, so a refused caller learns nothing about the endpoint's shape. The use
 * case still checks the caller itself: this is the early gate, not the only one.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlatformAdminOnly {}
