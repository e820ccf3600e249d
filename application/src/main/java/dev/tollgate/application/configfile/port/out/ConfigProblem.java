package dev.tollgate.application.configfile.port.out;

/** Why a configuration file is refused, and the line (1-based) the problem is on. */
public record ConfigProblem(int line, String reason) {}
