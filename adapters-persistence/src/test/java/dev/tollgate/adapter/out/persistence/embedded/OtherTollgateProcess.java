package dev.tollgate.adapter.out.persistence.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a separate JVM as "another Tollgate": starts the embedded server on the data directory given as first
 * argument, writes the file given as second argument once it runs, and stops when its standard input is closed.
 */
public final class OtherTollgateProcess {
    private OtherTollgateProcess() {}

    public static void main(String[] args) throws IOException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]))) {
            Files.writeString(Path.of(args[1]), Integer.toString(server.port()));
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
