package dev.tollgate.application.migration.port.in;

/** Where an import tells how far it got (a console, a log). */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = message -> {
    };

    void report(String message);
}
