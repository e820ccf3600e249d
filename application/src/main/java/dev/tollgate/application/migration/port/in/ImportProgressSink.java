package dev.tollgate.application.migration.port.in;

/** Where an import tells how far it got (a console, a log): the callback the import use case writes to. */
@FunctionalInterface
public interface ImportProgressSink {
    ImportProgressSink NONE = message -> {};

    void report(String message);
}
