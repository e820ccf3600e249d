package dev.tollgate.adapter.out.persistence.configfile;

import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.common.Fingerprints;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.ConfigFileSourcePort;
import dev.tollgate.application.configfile.port.out.ConfigProblem;
import dev.tollgate.application.configfile.port.out.DeclaredState;
import dev.tollgate.application.configfile.port.out.OrganizationSpec;
import dev.tollgate.application.configfile.port.out.ParsedConfigFile;
import dev.tollgate.application.configfile.port.out.PriceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code tollgate.yaml} with SnakeYAML's node API (so every problem carries its line): the sections
 * {@code version} (must be 1: an empty or cut-off file is refused, never read as "nothing declared"),
 * {@code channels}, {@code prices}, {@code groupMultipliers}, {@code organizations} and {@code settings}. Text values
 * may hold {@code ${VAR}} references, resolved through {@code variables}. A file larger than {@code maxBytes} is
 * refused unread.
 */
public class YamlConfigFileSource implements ConfigFileSourcePort {
    private static final Set<String> SECTIONS =
            Set.of("version", "channels", "prices", "groupMultipliers", "organizations", "settings");
    private static final Set<String> CHANNEL_FIELDS = Set.of(
            "type",
            "baseUrl",
            "keys",
            "models",
            "modelMapping",
            "groups",
            "priority",
            "weight",
            "maxConcurrency",
            "options",
            "status");
    private static final Set<String> PRICE_FIELDS =
            Set.of("input", "output", "cachedInput", "perImage", "perAudioSecond", "perRequest");
    private static final Set<String> ORGANIZATION_FIELDS = Set.of("status", "groups", "models", "rpm", "tpm");
    private static final Set<String> SETTINGS_FIELDS = Set.of("registration", "incentives");
    private static final Set<String> INCENTIVE_FIELDS = Set.of(
            "signupBonus", "checkInBonus", "inviteeBonus", "inviterReward", "inviterRewardOn", "inviterRewardCap");

    private final Path path;
    private final Function<String, String> variables;
    private final long maxBytes;

    public YamlConfigFileSource(Path path, Function<String, String> variables, long maxBytes) {
        this.path = path;
        this.variables = variables;
        this.maxBytes = maxBytes;
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public Optional<String> digest() {
        try {
            return Optional.of(Fingerprints.hex(bytes()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private byte[] bytes() throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new IOException("the file is larger than " + maxBytes + " bytes");
            }
            return data;
        }
    }

    @Override
    public ParsedConfigFile read() {
        byte[] data;
        try {
            data = bytes();
        } catch (NoSuchFileException e) {
            return refused(null, 1, "the file does not exist");
        } catch (IOException e) {
            return refused(null, 1, "the file cannot be read: " + e.getMessage());
        }
        String digest = Fingerprints.hex(data);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return refused(digest, 1, "the file is not UTF-8 text");
        }
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return refused(digest, mark == null ? 1 : mark.getLine() + 1, "YAML syntax: " + e.getProblem());
        } catch (YAMLException e) {
            return refused(digest, 1, "YAML: " + e.getMessage());
        }
        if (YamlTree.isNull(root)) {
            return refused(digest, 1, "the file is empty: it must start with 'version: 1'");
        }
        YamlTree tree = new YamlTree(variables);
        DeclaredState state = declared(root, tree);
        return new ParsedConfigFile(location(), digest, tree.problems().isEmpty() ? state : null, tree.problems());
    }

    private ParsedConfigFile refused(String digest, int line, String reason) {
        return new ParsedConfigFile(location(), digest, null, List.of(new ConfigProblem(line, reason)));
    }

    private DeclaredState declared(Node root, YamlTree tree) {
        Map<String, Node> sections = tree.mapping(root, "the file", SECTIONS);
        Map<String, Integer> lines = new LinkedHashMap<>();
        YamlTree.keyLines(root).forEach((k, line) -> lines.put("sections." + k, line));
        Node version = sections.get("version");
        if (version == null) {
            tree.problem(root, "the file must start with 'version: 1'");
        } else if (!Long.valueOf(1).equals(tree.whole(version, "version", null))) {
            tree.problem(version, "version must be 1");
        }
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        Node channelSection = sections.get("channels");
        tree.mapping(channelSection, "channels", null).forEach((name, node) -> {
            channels.put(name, channel(name, node, tree));
        });
        keyLines(channelSection, "channels", lines);
        Map<String, PriceSpec> prices = new LinkedHashMap<>();
        Node priceSection = sections.get("prices");
        tree.mapping(priceSection, "prices", null)
                .forEach((model, node) -> prices.put(model, price(model, node, tree)));
        keyLines(priceSection, "prices", lines);
        Map<String, BigDecimal> multipliers = new LinkedHashMap<>();
        Node multiplierSection = sections.get("groupMultipliers");
        tree.mapping(multiplierSection, "groupMultipliers", null).forEach((group, node) -> {
            BigDecimal m = tree.decimal(node, "groupMultipliers." + group);
            if (m != null) {
                multipliers.put(group, m);
            }
        });
        keyLines(multiplierSection, "groupMultipliers", lines);
        Map<String, OrganizationSpec> organizations = new LinkedHashMap<>();
        Node organizationSection = sections.get("organizations");
        tree.mapping(organizationSection, "organizations", null)
                .forEach((name, node) -> organizations.put(name, organization(name, node, tree)));
        keyLines(organizationSection, "organizations", lines);
        Node settingsSection = sections.get("settings");
        Map<String, Node> settings = tree.mapping(settingsSection, "settings", SETTINGS_FIELDS);
        keyLines(settingsSection, "settings", lines);
        String registration = tree.text(settings.get("registration"), "settings.registration", null);
        Incentives incentives =
                settings.containsKey("incentives") ? incentives(settings.get("incentives"), tree) : null;
        return new DeclaredState(channels, prices, multipliers, organizations, registration, incentives, lines);
    }

    private static void keyLines(Node section, String name, Map<String, Integer> lines) {
        YamlTree.keyLines(section).forEach((k, line) -> lines.put(name + "." + k, line));
    }

    private static ChannelSpec channel(String name, Node node, YamlTree tree) {
        String where = "channels." + name;
        Map<String, Node> f = tree.mapping(node, where, CHANNEL_FIELDS);
        String type = tree.text(f.get("type"), where + ".type", null);
        if (type == null) {
            tree.problem(node, where + ": type is required, e.g. openai");
        }
        List<String> keys = tree.texts(f.get("keys"), where + ".keys", List.of());
        List<String> models = tree.texts(f.get("models"), where + ".models", List.of());
        String status = status(f.get("status"), where, tree);
        return new ChannelSpec(
                type,
                tree.text(f.get("baseUrl"), where + ".baseUrl", null),
                keys,
                models,
                tree.textMap(f.get("modelMapping"), where + ".modelMapping"),
                tree.texts(f.get("groups"), where + ".groups", List.of("default")),
                tree.integer(f.get("priority"), where + ".priority", 0),
                tree.integer(f.get("weight"), where + ".weight", 1),
                tree.integer(f.get("maxConcurrency"), where + ".maxConcurrency", null),
                tree.textMap(f.get("options"), where + ".options"),
                status);
    }

    private static String status(Node node, String where, YamlTree tree) {
        String status = tree.text(node, where + ".status", "enabled");
        if (!"enabled".equals(status) && !"disabled".equals(status)) {
            tree.problem(node, where + ".status must be 'enabled' or 'disabled'");
            return "enabled";
        }
        return status;
    }

    private static PriceSpec price(String model, Node node, YamlTree tree) {
        String where = "prices." + model;
        Map<String, Node> f = tree.mapping(node, where, PRICE_FIELDS);
        if (!f.containsKey("input") || !f.containsKey("output")) {
            tree.problem(node, where + ": input and output (units per 1M tokens) are required");
        }
        long input = tree.whole(f.get("input"), where + ".input", 0L);
        return new PriceSpec(
                input,
                tree.whole(f.get("output"), where + ".output", 0L),
                tree.whole(f.get("cachedInput"), where + ".cachedInput", input),
                tree.whole(f.get("perImage"), where + ".perImage", 0L),
                tree.whole(f.get("perAudioSecond"), where + ".perAudioSecond", 0L),
                tree.whole(f.get("perRequest"), where + ".perRequest", 0L));
    }

    private static OrganizationSpec organization(String name, Node node, YamlTree tree) {
        String where = "organizations." + name;
        Map<String, Node> f = tree.mapping(node, where, ORGANIZATION_FIELDS);
        return new OrganizationSpec(
                status(f.get("status"), where, tree),
                tree.texts(f.get("groups"), where + ".groups", List.of()),
                tree.texts(f.get("models"), where + ".models", List.of()),
                tree.whole(f.get("rpm"), where + ".rpm", null),
                tree.whole(f.get("tpm"), where + ".tpm", null));
    }

    private static Incentives incentives(Node node, YamlTree tree) {
        String where = "settings.incentives";
        Map<String, Node> f = tree.mapping(node, where, INCENTIVE_FIELDS);
        return new Incentives(
                tree.whole(f.get("signupBonus"), where + ".signupBonus", 0L),
                tree.whole(f.get("checkInBonus"), where + ".checkInBonus", 0L),
                tree.whole(f.get("inviteeBonus"), where + ".inviteeBonus", 0L),
                tree.whole(f.get("inviterReward"), where + ".inviterReward", 0L),
                tree.text(f.get("inviterRewardOn"), where + ".inviterRewardOn", "sign_up"),
                tree.whole(f.get("inviterRewardCap"), where + ".inviterRewardCap", 0L));
    }
}
