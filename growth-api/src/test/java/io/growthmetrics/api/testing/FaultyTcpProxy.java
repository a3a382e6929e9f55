package io.growthmetrics.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between growth-api and the real PostgreSQL that can break on purpose:
 * <ul>
 * <li>{@link #refuse()}: stops listening (new connections are refused, ECONNREFUSED) and cuts every open
 * connection, as a stopped or restarting database does;</li>
 * <li>{@link #freeze()}: keeps accepting connections and keeps the open ones, but forwards no byte either way, as a
 * database that hangs (SIGSTOP, a full disk, a dead network path) does; bytes read meanwhile are held, not lost;</li>
 * <li>{@link #restore()}: listens and forwards again.</li>
 * </ul>
 */
public final class FaultyTcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean frozen;
    private volatile boolean closed;
    private ServerSocket server;

    private FaultyTcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    public static FaultyTcpProxy to(String host, int port) {
        try {
            return new FaultyTcpProxy(host, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the proxy", e);
        }
    }

    public int port() {
        return port;
    }

    /** Refused connections: nothing listens on the port, and every open connection is cut. */
    public synchronized void refuse() {
        closeQuietly(server);
        server = null;
        cutAll();
    }

    /** A database that hangs: connections are accepted and kept, and not one byte moves. */
    public void freeze() {
        frozen = true;
    }

    /** Listening and forwarding again; held bytes flow on. */
    public synchronized void restore() {
        if (server == null) {
            try {
                server = listen(port);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on port " + port + " again", e);
            }
            accept(server);
        }
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        synchronized (gate) {
            frozen = false;
            gate.notifyAll(); // release held pumps so their threads end
        }
        closeQuietly(server);
        cutAll();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void accept(ServerSocket listener) {
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    connect(client);
                } catch (IOException e) {
                    return; // the listener was closed by refuse() or close()
                }
            }
        }, "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void connect(Socket client) {
        sockets.add(client);
        Thread connector = new Thread(() -> {
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }, "proxy-connect-" + port);
        connector.setDaemon(true);
        connector.start();
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    waitWhileFrozen();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // cut, or the other side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    private void waitWhileFrozen() throws InterruptedException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait();
            }
        }
    }

    private void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private void closeQuietly(AutoCloseable closeable) {
        if (closeable instanceof Socket socket) {
            sockets.remove(socket);
        }
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // already closed
        }
    }
}
