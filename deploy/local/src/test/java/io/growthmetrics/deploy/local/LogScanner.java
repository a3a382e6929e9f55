package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never be in a log: known secrets and tokens, e-mail addresses, IPv4/IPv6 address literals, and
 * card numbers (PAN-shaped: 13 to 19 digits, optionally grouped by spaces or dashes, a card network's first digits,
 * a valid Luhn check digit).
 * <p>
 * The one address allowed is loopback as a server's address: {@code 127.0.0.1:<port>} (or {@code ::1}) where the port
 * is one the stack listens on (its services, Kafka, PostgreSQL). A client's loopback address has another port or none,
 * so a logged sender address is found even though every test request comes from 127.0.0.1.
 */
final class LogScanner {

    record Finding(Path file, int line, String what, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])(" + OCTET + "(?:\\." + OCTET + "){3})(?![0-9]|\\.[0-9])(?::([0-9]{1,5}))?");
    private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![0-9A-Za-z_:.$])\\[?([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\\]?(?::([0-9]{1,5}))?");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private final Map<String, String> secrets;
    private final Set<Integer> serverPorts;

    /** {@code secrets}: name → value, each looked for verbatim; {@code serverPorts}: where loopback may appear. */
    LogScanner(Map<String, String> secrets, Set<Integer> serverPorts) {
        this.secrets = Map.copyOf(secrets);
        this.serverPorts = Set.copyOf(serverPorts);
    }

    List<Finding> scan(Path file) throws IOException {
        return scan(file, true);
    }

    /**
     * {@code addresses} false: not looking for address literals (the launcher's own output, which tells the user where
     * the services listen; no sender's address ever reaches it).
     */
    List<Finding> scan(Path file, boolean addresses) throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);   // never fails on odd bytes
        for (int i = 0; i < lines.size(); i++) {
            for (String what : scanLine(new String(lines.get(i).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8), addresses)) {
                findings.add(new Finding(file, i + 1, what, lines.get(i)));
            }
        }
        return findings;
    }

    /** What is wrong with one line (empty when nothing). */
    List<String> scanLine(String line) {
        return scanLine(line, true);
    }

    List<String> scanLine(String line, boolean addresses) {
        List<String> found = new ArrayList<>();
        secrets.forEach((name, value) -> {
            if (!value.isEmpty() && line.contains(value)) {
                found.add("the " + name);
            }
        });
        Matcher email = EMAIL.matcher(line);
        while (email.find()) {
            found.add("an e-mail address (" + email.group() + ")");
        }
        Matcher v4 = IPV4.matcher(addresses ? line : "");
        while (v4.find()) {
            if (!(v4.group(1).equals("127.0.0.1") && serverPort(v4.group(2)))) {
                found.add("an IPv4 address (" + v4.group() + ")");
            }
        }
        Matcher v6 = IPV6_CANDIDATE.matcher(addresses ? line : "");
        while (v6.find()) {
            String candidate = v6.group(1);
            if (isIpv6(candidate) && !(isLoopback6(candidate) && serverPort(v6.group(2)))) {
                found.add("an IPv6 address (" + v6.group() + ")");
            }
        }
        Matcher digits = DIGIT_RUN.matcher(line);
        while (digits.find()) {
            String pan = digits.group().replaceAll("[ -]", "");
            if (panShaped(pan)) {
                found.add("a card number (" + digits.group() + ")");
            }
        }
        return found;
    }

    private boolean serverPort(String port) {
        return port != null && serverPorts.contains(Integer.parseInt(port));
    }

    /** Eight hex groups, or fewer with one "::"; the last two groups may be a dotted IPv4 address. */
    static boolean isIpv6(String s) {
        if (s.startsWith(":") && !s.startsWith("::") || s.endsWith(":") && !s.endsWith("::")) {
            return false;
        }
        int compressions = s.split("::", -1).length - 1;
        if (compressions > 1) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int hexGroups = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!g.matches(OCTET + "(?:\\." + OCTET + "){3}")) {
                    return false;
                }
                hexGroups += 2;
            } else if (g.matches("[0-9A-Fa-f]{1,4}")) {
                hexGroups++;
            } else {
                return false;
            }
        }
        return compressions == 1 ? hexGroups <= 7 && (hexGroups > 0 || s.equals("::")) && !s.equals("::")
                : hexGroups == 8;
    }

    private static boolean isLoopback6(String s) {
        return s.equals("::1") || s.equals("0:0:0:0:0:0:0:1") || s.startsWith("::ffff:127.");
    }

    /** 13-19 digits, a card network's prefix (Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, others 3/5/6), Luhn. */
    static boolean panShaped(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        char first = digits.charAt(0);
        int four = Integer.parseInt(digits.substring(0, 4));
        boolean network = first == '3' || first == '4' || first == '5' || first == '6' || (four >= 2221 && four <= 2720);
        return network && luhn(digits);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
