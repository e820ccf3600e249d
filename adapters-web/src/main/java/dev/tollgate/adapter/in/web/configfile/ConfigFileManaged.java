package dev.tollgate.adapter.in.web.configfile;

import dev.tollgate.application.configfile.port.in.ManagedKind;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that changes a resource the configuration file may declare. {@link ManagedResourceGuard} refuses
 * it (409 {@code managed_by_config_file}, naming the file) when the file declares the resource, after the caller is
 * known to be allowed to change it and before the body is read.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConfigFileManaged {
    /** The kinds of resources the handler changes. */
    ManagedKind[] value();

    /**
     * How the resource is named in the request: {@code {id}} a path variable; {@code /prefix/**} the rest of the path
     * after the prefix (URL-decoded); empty: the kind's single resource (a setting), or, with {@link #anyOfKind}, any.
     */
    String resource() default "";

    /** Refuse when the file declares any resource of the kinds (a bulk change such as a price import). */
    boolean anyOfKind() default false;
}
