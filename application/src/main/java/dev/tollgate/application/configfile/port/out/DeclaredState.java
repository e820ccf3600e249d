package dev.tollgate.application.configfile.port.out;

import dev.tollgate.application.billing.port.in.Incentives;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything a configuration file declares, by kind and name. A section that is absent declares nothing of its
 * kind (what it declared before is released or disabled). {@code registration} and {@code incentives} are null when
 * the file does not set them. {@code lines} gives the line (1-based) each entry starts on, keyed
 * {@code <section>.<name>} (e.g. {@code channels.deepseek}, {@code settings.registration}).
 */
public record DeclaredState(
        Map<String, ChannelSpec> channels,
        Map<String, PriceSpec> prices,
        Map<String, BigDecimal> groupMultipliers,
        Map<String, OrganizationSpec> organizations,
        String registration,
        Incentives incentives,
        Map<String, Integer> lines) {

    public DeclaredState {
        channels = Map.copyOf(channels);
        prices = Map.copyOf(prices);
        groupMultipliers = Map.copyOf(groupMultipliers);
        organizations = Map.copyOf(organizations);
        lines = Map.copyOf(lines);
    }

    /** The line an entry starts on, or 1 when unknown. */
    public int line(String section, String name) {
        return lines.getOrDefault(section + "." + name, 1);
    }
}
