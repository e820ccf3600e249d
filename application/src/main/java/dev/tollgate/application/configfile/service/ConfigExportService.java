package dev.tollgate.application.configfile.service;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.configfile.port.in.ConfigExportUseCase;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.ConfigFileWriterPort;
import dev.tollgate.application.configfile.port.out.DeclaredState;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.configfile.ConfigFileErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the current configuration as a configuration file (root only). Each upstream key becomes a reference
 * {@code ${CHANNEL_<NAME>_KEY[_n]}} (the name upper-cased, other characters as {@code _}, made unique): the operator
 * sets those variables to the keys and starts from the file; the values are never written.
 */
public class ConfigExportService implements ConfigExportUseCase {
    private final LiveConfigState live;
    private final ConfigFileWriterPort writer;

    public ConfigExportService(LiveConfigState live, ConfigFileWriterPort writer) {
        this.live = live;
        this.writer = writer;
    }

    @Override
    public Export export(Caller caller) {
        if (!UserId.ROOT.value().equals(caller.userId())) {
            throw new DomainException(ConfigFileErrorCode.ROOT_REQUIRED, "only root exports the configuration");
        }
        DeclaredState current = live.read(caller);
        Set<String> used = new HashSet<>();
        List<String> variables = new ArrayList<>();
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        current.channels().forEach((name, spec) -> {
            String base = unique("CHANNEL_" + variable(name) + "_KEY", used);
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < spec.keys().size(); i++) {
                String var = spec.keys().size() == 1 ? base : base + "_" + (i + 1);
                variables.add(var);
                refs.add("${" + var + "}");
            }
            channels.put(name, spec.withKeys(refs));
        });
        DeclaredState exported = new DeclaredState(
                channels,
                current.prices(),
                current.groupMultipliers(),
                current.organizations(),
                current.registration(),
                current.incentives(),
                Map.of());
        return new Export(writer.write(exported), List.copyOf(variables));
    }

    static String variable(String name) {
        String v = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        return v.isEmpty() ? "UNNAMED" : v;
    }

    private static String unique(String base, Set<String> used) {
        String candidate = base;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }
}
