package io.growthmetrics.deploy.local;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code deploy/local/run}.
 *
 * @param demo       seed demo data into a data folder that has none yet (off with {@code --no-demo})
 * @param fresh      wipe this data folder's broker data and database first ({@code --fresh})
 * @param dataDir    where the broker, the embedded database, keys and logs live ({@code --data-dir})
 * @param portOffset added to every port, so a second stack can run beside the first ({@code --port-offset})
 * @param bindAddress the address the services listen on ({@code --bind-address}, else {@code LOCAL_BIND_ADDRESS},
 *                    else {@value #DEFAULT_BIND_ADDRESS}: this machine only)
 * @param help       print the usage and exit
 */
public record LaunchOptions(boolean demo, boolean fresh, Path dataDir, int portOffset, String bindAddress,
                            boolean help) {

    public static final int MAX_PORT_OFFSET = 50_000;
    /** Loopback only: growth-api serves MRR and customer names without authentication. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final String BIND_ADDRESS_ENV = "LOCAL_BIND_ADDRESS";

    public static final String USAGE = """
            Usage: deploy/local/run [--no-demo] [--fresh] [--data-dir DIR] [--port-offset N]
                                   [--bind-address ADDR] [--help]

            Starts the whole system on this machine: a Kafka broker, PostgreSQL (the machine's on
            127.0.0.1:5432 if it answers, else an embedded one) and the five services, then seeds
            90 days of demo telemetry (once per data folder). Ctrl-C stops everything.

              --no-demo          do not seed demo data
              --fresh            wipe this data folder's broker data and database, start empty
              --data-dir DIR     data folder (default: <repo>/.local-data)
              --port-offset N    add N to every port: services 8080..8084, Kafka 9092 (default 0)
              --bind-address A   the address the services listen on (default: LOCAL_BIND_ADDRESS,
                                 else 127.0.0.1, this machine only; 0.0.0.0 = every interface).
                                 An explicit QUARKUS_HTTP_HOST wins. Kafka stays on 127.0.0.1.
              --help             print this help
            """;

    /** Thrown for a command line the launcher does not understand; the launcher exits with status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LaunchOptions parse(List<String> args, Path defaultDataDir) {
        return parse(args, defaultDataDir, System.getenv(BIND_ADDRESS_ENV));
    }

    /** {@code envBindAddress}: the value of {@code LOCAL_BIND_ADDRESS} (null when not set). */
    public static LaunchOptions parse(List<String> args, Path defaultDataDir, String envBindAddress) {
        String bindAddress = envBindAddress == null || envBindAddress.isBlank() ? DEFAULT_BIND_ADDRESS
                : checkedAddress(envBindAddress.trim(), BIND_ADDRESS_ENV);
        boolean demo = true;
        boolean fresh = false;
        boolean help = false;
        Path dataDir = defaultDataDir;
        int portOffset = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--no-demo" -> demo = false;
                case "--fresh" -> fresh = true;
                case "--help", "-h" -> help = true;
                case "--data-dir" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    if (value.isBlank()) {
                        throw new UsageException("--data-dir needs a folder");
                    }
                    dataDir = Path.of(value);
                }
                case "--port-offset" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    portOffset = parseOffset(value);
                }
                case "--bind-address" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    bindAddress = checkedAddress(value.trim(), arg);
                }
                default -> throw new UsageException("Unknown option: " + args.get(i));
            }
            if (inlineValue != null && !List.of("--data-dir", "--port-offset", "--bind-address").contains(arg)) {
                throw new UsageException("Option " + arg + " takes no value");
            }
        }
        return new LaunchOptions(demo, fresh, dataDir.toAbsolutePath().normalize(), portOffset, bindAddress, help);
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index + 1);
    }

    /** An IPv4 or IPv6 literal, or a host name (letters, digits, dots, hyphens); never a URL or a list. */
    private static String checkedAddress(String value, String source) {
        if (value.isEmpty() || !value.matches("[0-9A-Za-z.:%-]+") || value.startsWith("-")) {
            throw new UsageException(source + " needs an address such as 127.0.0.1 or 0.0.0.0: " + value);
        }
        return value;
    }

    /** True for an address only this machine can reach. */
    public boolean loopbackOnly() {
        return bindAddress.equals("localhost") || bindAddress.startsWith("127.") || bindAddress.equals("::1");
    }

    private static int parseOffset(String value) {
        try {
            int offset = Integer.parseInt(value.trim());
            if (offset < 0 || offset > MAX_PORT_OFFSET) {
                throw new UsageException("--port-offset must be between 0 and " + MAX_PORT_OFFSET + ": " + value);
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new UsageException("--port-offset needs a whole number: " + value);
        }
    }
}
