package io.growthmetrics.kpi.support;

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
 * A small TCP proxy between the service and PostgreSQL that a test can break on purpose: {@link #refuse()} resets
 * every connection and refuses new ones (the database is away), {@link #freeze()} keeps connections open but passes
 * no byte either way (the database hangs), {@link #open()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean frozen;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    public int port() {
        return port;
    }

    /** Resets every connection and refuses new ones (nothing listens on the port). */
    public synchronized void refuse() throws IOException {
        frozen = false;
        ServerSocket s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        resetAll();
    }

    /** Keeps every connection open but forwards nothing, and accepts new connections that get no answer. */
    public synchronized void freeze() {
        frozen = true;
    }

    /** Forwards again (after {@link #refuse()}: listens again on the same port; after {@link #freeze()}: resumes). */
    public synchronized void open() throws IOException {
        frozen = false;
        if (server == null) {
            server = listen(port);
            startAccepting(server);
        }
        notifyAllFrozen();
    }

    /** Resets every current connection (the server ending them, e.g. after a hang). */
    public void resetAll() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        sockets.clear();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        refuse();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void startAccepting(ServerSocket s) {
        Thread acceptor = new Thread(() -> {
            while (!s.isClosed() && !closed) {
                try {
                    Socket client = s.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(target);
                    pump(client, target);
                    pump(target, client);
                } catch (IOException e) {
                    // closed, or the target refused: the client sees its connection end
                }
            }
        }, "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    waitWhileFrozen();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side ended
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private synchronized void waitWhileFrozen() throws InterruptedException {
        while (frozen && !closed) {
            wait(100);
        }
    }

    private synchronized void notifyAllFrozen() {
        notifyAll();
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
