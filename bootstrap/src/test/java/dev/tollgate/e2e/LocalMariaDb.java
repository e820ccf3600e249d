package dev.tollgate.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A MariaDB server of the machine's Debian package ({@code mariadb-server}), started by the test as a local process
 * on a loopback port with a throwaway data directory, and stopped with it. {@link #available()} says whether the
 * package is installed; without it the MariaDB tests are skipped, never faked.
 */
final class LocalMariaDb implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Path dir;
    private final Process process;
    private final int port;

    static boolean available() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
    }

    LocalMariaDb() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("tollgate-mariadb-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String user = System.getProperty("user.name");
        Process install = new ProcessBuilder(
                        INSTALL.toString(),
                        "--no-defaults",
                        "--datadir=" + dir.resolve("data"),
                        "--user=" + user,
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile())
                .start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException(
                    "mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        process = new ProcessBuilder(
                        SERVER.toString(),
                        "--no-defaults",
                        "--datadir=" + dir.resolve("data"),
                        "--user=" + user,
                        "--port=" + port,
                        "--bind-address=127.0.0.1",
                        "--socket=" + dir.resolve("sock"),
                        "--pid-file=" + dir.resolve("pid"),
                        "--skip-log-bin",
                        "--innodb-buffer-pool-size=16M")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || accepts());
        } catch (ConditionTimeoutException e) {
            // reported below
        }
        if (!process.isAlive() || !accepts()) {
            close();
            throw new IllegalStateException("MariaDB did not start: " + Files.readString(dir.resolve("server.log")));
        }
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Whether the server takes a connection now. */
    private boolean accepts() {
        try (Connection ignored = DriverManager.getConnection(url(""), "root", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
