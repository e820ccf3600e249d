package dev.tollgate.application.configfile.port.out;

import java.util.List;

/**
 * A configuration file as read: its path, the fingerprint of its bytes, and either what it declares or why it cannot
 * be read (a missing variable, a wrong type, a YAML syntax error: each with its line).
 */
public record ParsedConfigFile(String file, String digest, DeclaredState state, List<ConfigProblem> problems) {
    public ParsedConfigFile {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return state != null && problems.isEmpty();
    }
}
