package dev.tollgate.adapter.out.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by Tollgate itself, with its data under {@code <dataDir>/postgres} so that it survives
 * restarts. An exclusive lock on {@code <dataDir>/tollgate.lock} makes sure only one Tollgate uses a data directory.
 * Listens on 127.0.0.1 only, on the port kept in {@code <dataDir>/postgres.port} (a free port chosen on first start,
 * and again only when another program has taken it since). Commits are synchronous: a settled request that was
 * acknowledged survives a crash.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String DATABASE = "tollgate";
    public static final String USER = "postgres";
    static final String LOCK_FILE = "tollgate.lock";
    static final String PORT_FILE = "postgres.port";
    static final String POSTGRES_DIRECTORY = "postgres";
    private static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    /**
     * Locks the data directory, then starts PostgreSQL on it (creating the cluster and the database on first use).
     *
     * @throws IllegalStateException when another process (or this one) already runs a server on this directory
     */
    public static EmbeddedPostgresServer start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("another Tollgate is already running with data directory " + dir
                        + "; stop it or set TOLLGATE_DATA_DIR to another directory");
            }
            long started = System.nanoTime();
            stopOrphan(dir.resolve(POSTGRES_DIRECTORY));
            int port = port(dir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve(POSTGRES_DIRECTORY))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    // Stopped by close() when the application context shuts down, after everything using it has
                    // stopped; zonky's own JVM shutdown hook would stop it concurrently, in the middle of that.
                    .setRegisterShutdownHook(false)
                    .start();
            createDatabaseIfMissing(pg);
            log.info(
                    "embedded PostgreSQL started on {}:{} with data in {} ({} ms)",
                    HOST,
                    port,
                    dir.resolve(POSTGRES_DIRECTORY),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedPostgresServer(dir, channel, lock, pg);
        } catch (IOException e) {
            release(channel, lock);
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        } catch (RuntimeException e) {
            release(channel, lock);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * Stops a PostgreSQL still running on the data directory: it was started by a Tollgate that was killed (SIGKILL,
     * power loss of the JVM only, OOM killer) and outlived it. We hold the data directory's lock, so no Tollgate uses
     * it any more. Without this, the restart after a crash would fail on PostgreSQL's own lock (postmaster.pid).
     */
    static void stopOrphan(Path postgresDir) throws IOException {
        Path pidFile = postgresDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try (var lines = Files.lines(pidFile)) {
            pid = Long.parseLong(lines.findFirst().orElse("").trim());
        } catch (NumberFormatException e) {
            return; // unreadable: PostgreSQL itself decides whether it is stale
        }
        var process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (process.isEmpty()) {
            return; // a stale pid file: PostgreSQL replaces it when it starts
        }
        log.warn(
                "a PostgreSQL (pid {}) left running by a Tollgate that stopped abruptly still uses {}; stopping it",
                pid,
                postgresDir);
        process.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with that Tollgate
        try {
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the PostgreSQL (pid " + pid + ") left running on " + postgresDir
                    + " did not stop within 60 s; stop it, then start Tollgate again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL left running on " + postgresDir);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not stop the PostgreSQL left running on " + postgresDir, e);
        }
    }

    /** The port of the previous start when it is still free, otherwise a new free port (remembered for next time). */
    private static int port(Path dir) throws IOException {
        Path file = dir.resolve(PORT_FILE);
        int kept = Files.exists(file) ? parsePort(Files.readString(file)) : 0;
        if (kept > 0) {
            if (isFree(kept)) {
                return kept;
            }
            log.warn("port {} of the embedded PostgreSQL is taken by another program; choosing another one", kept);
        }
        int chosen;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            chosen = socket.getLocalPort();
        }
        Files.writeString(file, Integer.toString(chosen));
        return chosen;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port > 0 && port < 65_536 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet r = exists.executeQuery()) {
                if (!r.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database '" + DATABASE + "'", e);
        }
    }

    /** JDBC URL of the {@value #DATABASE} database (user {@value #USER}, no password: only 127.0.0.1 may connect). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops PostgreSQL (its data stays), then releases the data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("stopping the embedded PostgreSQL failed: {}", e.toString());
        } finally {
            release(lockChannel, lock);
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.warn("releasing the data directory lock failed: {}", e.toString());
        }
    }
}
