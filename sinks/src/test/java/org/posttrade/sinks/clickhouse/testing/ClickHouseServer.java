package org.posttrade.sinks.clickhouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private, real clickhouse-server process for tests: its own temporary data directory and free ports on 127.0.0.1,
 * so several can run side by side (and beside a local-cluster server). Queries go over plain HTTP and come back as
 * TabSeparated text, because client-v2's {@code queryAll} silently returns no rows from ClickHouse 18.16.
 *
 * <p>As a JUnit 5 extension: {@code @RegisterExtension static final ClickHouseServer CLICKHOUSE = new
 * ClickHouseServer();} starts it before the class and removes it after. Or use {@link #start()} / {@link #close()}.
 *
 * <p>The binary is {@code $POSTTRADE_CLICKHOUSE_BIN}, else {@code clickhouse-server} (or {@code clickhouse server})
 * on the PATH or in /usr/sbin, /usr/bin. The base config is {@code $POSTTRADE_CLICKHOUSE_CONFIG}, else
 * /etc/clickhouse-server/config.xml (Debian's package); everything that could collide is overridden.
 */
public final class ClickHouseServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Path dataDir;
    private int httpPort;
    private int tcpPort;
    private int interserverPort;
    private Process process;
    private Thread shutdownHook;

    /**
     * Starts the server: the first call picks a data directory and free ports, later calls (after {@link #stop()})
     * restart it on the same directory and ports, so stored tables survive.
     */
    public synchronized ClickHouseServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        boolean fresh = dataDir == null;
        for (int attempt = 1; ; attempt++) {
            try {
                if (fresh) {
                    dataDir = createTempDir();
                    int[] ports = freePorts(3);
                    httpPort = ports[0];
                    tcpPort = ports[1];
                    interserverPort = ports[2];
                }
                launch();
                return this;
            } catch (PortTakenException e) {
                // another process grabbed a port between our probe and the server's bind: pick new ones
                if (!fresh || attempt >= 3) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                deleteRecursively(dataDir);
            }
        }
    }

    /** Base URL of the HTTP interface, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        requireStarted();
        return "http://" + HOST + ":" + httpPort;
    }

    public int httpPort() { return httpPort; }

    public int tcpPort() { return tcpPort; }

    public Path dataDir() { return dataDir; }

    public boolean isRunning() { return process != null && process.isAlive(); }

    /**
     * Runs one statement and returns the response body (TabSeparated unless the SQL says otherwise), trimmed of its
     * final newline. Throws {@link IllegalStateException} with the server's message when the server refuses it.
     */
    public String query(String sql) {
        requireStarted();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse refused [" + sql + "]: HTTP " + response.statusCode()
                        + ": " + response.body().trim());
            }
            String body = response.body();
            return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
        } catch (IOException e) {
            throw new UncheckedIOException("ClickHouse at " + url() + " unreachable for [" + sql + "]", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying ClickHouse", e);
        }
    }

    /** A query returning one number, e.g. {@code SELECT count() FROM t}. */
    public long queryLong(String sql) {
        return Long.parseLong(query(sql).trim());
    }

    /** Inserts TabSeparated rows: {@code insertTsv("db.t (a, b)", "1\tx\n2\ty\n")}. */
    public void insertTsv(String tableAndColumns, String tsv) {
        requireStarted();
        String q = URLEncoder.encode("INSERT INTO " + tableAndColumns + " FORMAT TabSeparated", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/?query=" + q))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(tsv, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("insert into " + tableAndColumns + " refused: " + response.body().trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the server gracefully (SIGTERM, then SIGKILL after 30 s); data directory and ports are kept. */
    public synchronized void stop() {
        terminate(false);
    }

    /** Kills the server at once (SIGKILL), like a crash; data directory and ports are kept. */
    public synchronized void kill() {
        terminate(true);
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() {
        terminate(false);
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
            shutdownHook = null;
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public String toString() {
        return "ClickHouseServer{http=" + httpPort + ", tcp=" + tcpPort + ", dir=" + dataDir + "}";
    }

    private void launch() {
        List<String> command = new ArrayList<>(binary());
        Path log = dataDir.resolve("log");
        try {
            Files.createDirectories(dataDir.resolve("tmp"));
            Files.createDirectories(dataDir.resolve("user_files"));
            Files.createDirectories(dataDir.resolve("format_schemas"));
            Files.createDirectories(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        command.add("--config-file=" + config());
        command.add("--");
        command.add("--path=" + dataDir + "/");
        command.add("--tmp_path=" + dataDir.resolve("tmp") + "/");
        command.add("--user_files_path=" + dataDir.resolve("user_files") + "/");
        command.add("--format_schema_path=" + dataDir.resolve("format_schemas") + "/");
        command.add("--logger.log=" + log.resolve("clickhouse-server.log"));
        command.add("--logger.errorlog=" + log.resolve("clickhouse-server.err.log"));
        command.add("--http_port=" + httpPort);
        command.add("--tcp_port=" + tcpPort);
        command.add("--interserver_http_port=" + interserverPort);
        command.add("--listen_host=" + HOST);
        // the Debian config's 5 GB mark cache is lazily allocated, but keep test servers modest anyway
        command.add("--mark_cache_size=268435456");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolve("stdout.log").toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + " (install ClickHouse with local-cluster/install or set POSTTRADE_CLICKHOUSE_BIN)", e);
        }
        if (shutdownHook == null) {
            // a test JVM that dies must not leave servers behind
            shutdownHook = new Thread(() -> {
                Process p = process;
                if (p != null) {
                    p.destroyForcibly();
                }
            }, "clickhouse-server-reaper");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        awaitPing(log);
    }

    private void awaitPing(Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + httpPort + "/ping"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail(log);
                process = null;
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException("clickhouse-server could not bind its ports: " + tail);
                }
                throw new IllegalStateException("clickhouse-server exited at startup (" + this + "):\n" + tail);
            }
            try {
                HttpResponse<String> r = http.send(ping, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                terminate(true);
                throw new IllegalStateException("interrupted while starting clickhouse-server", e);
            }
            sleep(100);
        }
        terminate(true);
        throw new IllegalStateException("clickhouse-server did not answer /ping within " + STARTUP_TIMEOUT + ":\n"
                + tail(log));
    }

    private void terminate(boolean kill) {
        Process p = process;
        process = null;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void requireStarted() {
        if (dataDir == null) {
            throw new IllegalStateException("ClickHouseServer not started");
        }
    }

    private static List<String> binary() {
        String env = System.getenv("POSTTRADE_CLICKHOUSE_BIN");
        if (env != null && !env.isBlank()) {
            if (!Files.isExecutable(Path.of(env))) {
                throw new IllegalStateException("POSTTRADE_CLICKHOUSE_BIN=" + env + " is not an executable file");
            }
            return List.of(env);
        }
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        // Debian puts the server in /usr/sbin, which a non-root PATH often lacks
        dirs.add(Path.of("/usr/sbin"));
        dirs.add(Path.of("/usr/bin"));
        for (Path dir : dirs) {
            Path server = dir.resolve("clickhouse-server");
            if (Files.isExecutable(server)) {
                return List.of(server.toString());
            }
        }
        for (Path dir : dirs) {
            Path multi = dir.resolve("clickhouse");
            if (Files.isExecutable(multi)) {
                return List.of(multi.toString(), "server");
            }
        }
        throw new IllegalStateException("clickhouse-server not found on the PATH, in /usr/sbin or /usr/bin: run "
                + "local-cluster/install (or apt-get install clickhouse-server), or set POSTTRADE_CLICKHOUSE_BIN");
    }

    private static String config() {
        String env = System.getenv("POSTTRADE_CLICKHOUSE_CONFIG");
        Path config = Path.of(env != null && !env.isBlank() ? env : "/etc/clickhouse-server/config.xml");
        if (!Files.isReadable(config)) {
            throw new IllegalStateException("ClickHouse config " + config + " not readable: run local-cluster/install "
                    + "(or apt-get install clickhouse-server), or set POSTTRADE_CLICKHOUSE_CONFIG");
        }
        return config.toString();
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("posttrade-clickhouse-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static String tail(Path logDir) {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("stdout.log", "clickhouse-server.err.log")) {
            Path file = logDir.resolve(name);
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    sb.append("--- ").append(file).append('\n');
                    lines.subList(Math.max(0, lines.size() - 20), lines.size())
                            .forEach(l -> sb.append(l).append('\n'));
                }
            } catch (IOException | UncheckedIOException e) {
                sb.append("(cannot read ").append(file).append(")\n");
            }
        }
        return sb.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is not worth failing a test for
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
