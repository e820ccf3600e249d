package dev.tollgate.application.configfile.port.out;

import java.util.Optional;

/** Reads the configuration file: its syntax, its shape and its {@code ${VAR}} references. */
public interface ConfigFileSourcePort {
    /** The file's path as operators know it (for messages). */
    String location();

    /** The fingerprint of the file's bytes, or empty when it cannot be read (to see cheaply whether it changed). */
    Optional<String> digest();

    /** Reads and parses the whole file. */
    ParsedConfigFile read();
}
