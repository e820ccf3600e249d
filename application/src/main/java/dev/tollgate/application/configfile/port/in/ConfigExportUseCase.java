package dev.tollgate.application.configfile.port.in;

import dev.tollgate.application.common.Caller;

/**
 * The current platform channels, prices, group multipliers, shared organisations and settings as a configuration file
 * (root only). Secrets never appear in it: each upstream key is a {@code ${VAR}} reference with a generated name.
 */
public interface ConfigExportUseCase {
    /** The file's text and the variables it references (names only, in the order they appear). */
    record Export(String text, java.util.List<String> variables) {}

    Export export(Caller caller);
}
