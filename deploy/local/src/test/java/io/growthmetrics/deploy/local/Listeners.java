package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Which of the given TCP ports listen on more than the loopback address (tests of the bind address). */
final class Listeners {

    private Listeners() {
    }

    /**
     * "port on address" for every listening socket of these ports that is not bound to loopback. On Linux from
     * /proc/net/tcp and tcp6 (every listener, whatever the interfaces); elsewhere by connecting through each
     * non-loopback address of this machine.
     */
    static List<String> beyondLoopback(List<Integer> ports) throws IOException {
        Path tcp = Path.of("/proc/net/tcp");
        if (Files.isReadable(tcp)) {
            List<String> found = new ArrayList<>();
            found.addAll(fromProc(tcp, ports));
            Path tcp6 = Path.of("/proc/net/tcp6");
            if (Files.isReadable(tcp6)) {
                found.addAll(fromProc(tcp6, ports));
            }
            return found;
        }
        List<String> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address.isLoopbackAddress() || !(address instanceof Inet4Address)) {
                    continue;
                }
                for (int port : ports) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 1000);
                        found.add(port + " on " + address.getHostAddress());
                    } catch (IOException refused) {
                        // not reachable there: as it should be
                    }
                }
            }
        }
        return found;
    }

    /** Lines like {@code 0: 0100007F:1F90 00000000:0000 0A ...}: local address:port in hex, state 0A = LISTEN. */
    static List<String> fromProc(Path file, List<Integer> ports) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[3].equals("0A") || !f[1].contains(":")) {
                continue;
            }
            String[] local = f[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            if (ports.contains(port) && !loopback(local[0])) {
                found.add(port + " on " + local[0]);
            }
        }
        return found;
    }

    /** 127.x.x.x (IPv4, little-endian hex), ::1, or ::ffff:127.x.x.x. */
    static boolean loopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        if (hex.length() == 32) {
            return hex.equals("00000000000000000000000001000000")
                    || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
        }
        return false;
    }
}
