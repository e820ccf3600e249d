package dev.tollgate.adapter.out.persistence.configfile;

import dev.tollgate.application.configfile.port.out.ConfigProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of a SnakeYAML node tree that collect problems with their line instead of failing at the first one.
 * Text values have their {@code ${VAR}} references replaced by the variables' values; a variable that is not set is
 * a problem. A read that fails returns null (or the default) so that the caller goes on and reports everything.
 */
final class YamlTree {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Function<String, String> variables;
    private final List<ConfigProblem> problems = new ArrayList<>();

    YamlTree(Function<String, String> variables) {
        this.variables = variables;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    void problem(Node node, String reason) {
        problems.add(new ConfigProblem(line(node), reason));
    }

    static boolean isNull(Node node) {
        return node == null || Tag.NULL.equals(node.getTag());
    }

    /** A mapping's entries by key (in the file's order), refusing duplicate keys and keys outside {@code allowed}. */
    Map<String, Node> mapping(Node node, String where, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (isNull(node)) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            problem(node, where + " must be a mapping (name: value)");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), where + ": a key must be a plain name");
                continue;
            }
            String key = k.getValue();
            if (!seen.add(key)) {
                problem(k, where + ": '" + key + "' is declared twice");
            } else if (allowed != null && !allowed.contains(key)) {
                problem(k, where + ": unknown field '" + key + "' (known: " + String.join(", ", allowed) + ")");
            } else {
                out.put(key, t.getValueNode());
            }
        }
        return out;
    }

    /** The line a mapping's key is on, by key. */
    static Map<String, Integer> keyLines(Node node) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.putIfAbsent(k.getValue(), line(k));
                }
            }
        }
        return out;
    }

    String text(Node node, String where, String fallback) {
        if (isNull(node)) {
            return fallback;
        }
        if (!(node instanceof ScalarNode s)) {
            problem(node, where + " must be a text value");
            return fallback;
        }
        return resolve(s, where);
    }

    private String resolve(ScalarNode s, String where) {
        Matcher m = REFERENCE.matcher(s.getValue());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.apply(m.group(1));
            if (value == null) {
                problem(s, where + ": variable " + m.group(1) + " is not set");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<String> texts(Node node, String where, List<String> fallback) {
        if (isNull(node)) {
            return fallback;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, where + " must be a list, e.g. [a, b]");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String v = text(item, where, null);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    Map<String, String> textMap(Node node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping(node, where, null).forEach((k, v) -> {
            String value = text(v, where + "." + k, null);
            if (value != null) {
                out.put(k, value);
            }
        });
        return out;
    }

    Long whole(Node node, String where, Long fallback) {
        if (isNull(node)) {
            return fallback;
        }
        if (node instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            try {
                return Long.parseLong(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(node, where + " must be a whole number");
        return fallback;
    }

    Integer integer(Node node, String where, Integer fallback) {
        Long v = whole(node, where, fallback == null ? null : fallback.longValue());
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            problem(node, where + " is too large");
            return fallback;
        }
        return v == null ? null : v.intValue();
    }

    BigDecimal decimal(Node node, String where) {
        if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            try {
                return new BigDecimal(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(node, where + " must be a number, e.g. 1.5");
        return null;
    }
}
