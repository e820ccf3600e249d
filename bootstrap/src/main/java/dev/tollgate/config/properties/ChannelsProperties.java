package dev.tollgate.config.properties;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Organisations' private channels (docs/providers.md, "Private channels").
 *
 * @param privateHostsAllowed hosts (exactly as written in a base URL: names or addresses, IPv6 without brackets) that
 *     private channels may use even though they are or resolve to loopback or private addresses; empty: none
 */
@Validated
@ConfigurationProperties("tollgate.channels")
public record ChannelsProperties(@DefaultValue @NotNull List<String> privateHostsAllowed) {

    public ChannelsProperties {
        privateHostsAllowed = privateHostsAllowed == null
                ? List.of()
                : privateHostsAllowed.stream()
                        .map(String::trim)
                        .filter(h -> !h.isEmpty())
                        .toList();
    }
}
