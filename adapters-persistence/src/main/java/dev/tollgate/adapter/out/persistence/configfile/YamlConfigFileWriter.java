package dev.tollgate.adapter.out.persistence.configfile;

import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.ConfigFileWriterPort;
import dev.tollgate.application.configfile.port.out.DeclaredState;
import dev.tollgate.application.configfile.port.out.OrganizationSpec;
import dev.tollgate.application.configfile.port.out.PriceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a declared state in the layout {@link YamlConfigFileSource} reads, every section sorted by name so that two
 * exports of the same state are the same text. Optional values that are not set (no concurrency limit, no rate limit)
 * are left out.
 */
public class YamlConfigFileWriter implements ConfigFileWriterPort {
    private static final String HEADER = """
            # Tollgate configuration as code (docs/configuration-as-code.md).
            # Upstream keys are ${VARIABLE} references: set each variable before Tollgate reads this file.
            """;

    @Override
    public String write(DeclaredState state) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        Map<String, Object> channels = new LinkedHashMap<>();
        new TreeMap<>(state.channels()).forEach((name, c) -> channels.put(name, channel(c)));
        root.put("channels", channels);
        Map<String, Object> prices = new LinkedHashMap<>();
        new TreeMap<>(state.prices()).forEach((model, p) -> prices.put(model, price(p)));
        root.put("prices", prices);
        Map<String, Object> multipliers = new LinkedHashMap<>();
        new TreeMap<>(state.groupMultipliers())
                .forEach((group, m) -> multipliers.put(
                        group,
                        m.stripTrailingZeros().scale() <= 0 ? (Object) m.longValueExact() : (Object) m.doubleValue()));
        root.put("groupMultipliers", multipliers);
        Map<String, Object> organizations = new LinkedHashMap<>();
        new TreeMap<>(state.organizations()).forEach((name, o) -> organizations.put(name, organization(o)));
        root.put("organizations", organizations);
        Map<String, Object> settings = new LinkedHashMap<>();
        if (state.registration() != null) {
            settings.put("registration", state.registration());
        }
        if (state.incentives() != null) {
            settings.put("incentives", incentives(state.incentives()));
        }
        root.put("settings", settings);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setAllowUnicode(true);
        return HEADER + new Yaml(options).dump(root);
    }

    private static Map<String, Object> channel(ChannelSpec c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", c.type());
        out.put("baseUrl", c.baseUrl());
        out.put("keys", c.keys());
        out.put("models", c.models());
        out.put("modelMapping", new TreeMap<>(c.modelMapping()));
        out.put("groups", c.groups());
        out.put("priority", c.priority());
        out.put("weight", c.weight());
        if (c.maxConcurrency() != null) {
            out.put("maxConcurrency", c.maxConcurrency());
        }
        out.put("options", new TreeMap<>(c.options()));
        out.put("status", c.status());
        return out;
    }

    private static Map<String, Object> price(PriceSpec p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", p.input());
        out.put("output", p.output());
        out.put("cachedInput", p.cachedInput());
        out.put("perImage", p.perImage());
        out.put("perAudioSecond", p.perAudioSecond());
        out.put("perRequest", p.perRequest());
        return out;
    }

    private static Map<String, Object> organization(OrganizationSpec o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", o.status());
        out.put("groups", o.groups());
        out.put("models", o.models());
        if (o.rpm() != null) {
            out.put("rpm", o.rpm());
        }
        if (o.tpm() != null) {
            out.put("tpm", o.tpm());
        }
        return out;
    }

    private static Map<String, Object> incentives(Incentives i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signupBonus", i.signupBonus());
        out.put("checkInBonus", i.checkInBonus());
        out.put("inviteeBonus", i.inviteeBonus());
        out.put("inviterReward", i.inviterReward());
        out.put("inviterRewardOn", i.inviterRewardOn());
        out.put("inviterRewardCap", i.inviterRewardCap());
        return out;
    }
}
