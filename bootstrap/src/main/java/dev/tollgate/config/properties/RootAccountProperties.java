package dev.tollgate.config.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The root account made at the first start.
 *
 * @param rootPassword root's password at the first start (at least 12 characters); blank: a random one is generated
 *     and printed once in the log
 */
@ConfigurationProperties("tollgate")
public record RootAccountProperties(@DefaultValue("") String rootPassword) {

    @Override
    public String toString() {
        return "RootAccountProperties[rootPassword=" + (rootPassword.isEmpty() ? "" : "(set)") + "]";
    }
}
