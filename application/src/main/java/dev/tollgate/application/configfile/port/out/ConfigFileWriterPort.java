package dev.tollgate.application.configfile.port.out;

/** Writes a declared state as configuration-file text (the inverse of {@link ConfigFileSourcePort#read()}). */
public interface ConfigFileWriterPort {
    String write(DeclaredState state);
}
