package dev.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The PromQL of the shipped Grafana dashboards ({@code deploy/grafana/dashboards/*.json}: panel targets and
 * {@code label_values} variables) and Prometheus rules ({@code deploy/prometheus/*.yml} with {@code groups}), and the
 * metric names each expression reads.
 */
final class DashboardQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan");

    private DashboardQueries() {}

    /** File (relative to {@code deployDir}) → its PromQL expressions. */
    static Map<String, List<String>> read(Path deployDir) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(deployDir)) {
            for (Path file : files.sorted().toList()) {
                String name = deployDir.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("grafana/dashboards/") && name.endsWith(".json")) {
                    List<String> exprs = new ArrayList<>();
                    JsonNode dashboard = JSON.readTree(file.toFile());
                    panels(dashboard.path("panels"), exprs);
                    for (JsonNode variable : dashboard.path("templating").path("list")) {
                        JsonNode query = variable.path("query");
                        String text = query.isTextual()
                                ? query.asText()
                                : query.path("query").asText();
                        Matcher m = LABEL_VALUES.matcher(text);
                        while (m.find()) {
                            exprs.add(m.group(1));
                        }
                    }
                    out.put(name, exprs);
                } else if (name.startsWith("prometheus/") && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    List<String> exprs = rules(file);
                    if (!exprs.isEmpty()) {
                        out.put(name, exprs);
                    }
                }
            }
        }
        return out;
    }

    private static void panels(JsonNode panels, List<String> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(target.get("expr").asText());
                }
            }
            panels(panel.path("panels"), into);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> rules(Path file) throws IOException {
        List<String> exprs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Object doc = new Yaml().load(in);
            if (doc instanceof Map<?, ?> map && map.get("groups") instanceof List<?> groups) {
                for (Object group : groups) {
                    for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                        exprs.add(String.valueOf(((Map<String, Object>) rule).get("expr")));
                    }
                }
            }
        }
        return exprs;
    }

    /** The metric names a PromQL expression selects (functions, keywords, labels and Grafana variables left out). */
    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = s.replaceAll("\\{[^}]*\\}", " ");
        s = s.replaceAll("\\[[^\\]]*\\]", " ");
        s = LABEL_LIST.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\$\\{?[A-Za-z0-9_]+\\}?", " ");
        s = s.replaceAll("\\b\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?\\b", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            String rest = s.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
                names.add(token);
            }
        }
        return names;
    }

    /** The sample names in a Prometheus text exposition. */
    static Set<String> exportedNames(String exposition) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : exposition.split("\\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
