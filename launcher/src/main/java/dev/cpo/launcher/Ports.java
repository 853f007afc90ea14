package dev.cpo.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Chooses local ports. */
final class Ports {

    private Ports() {
    }

    /**
     * @param preferred a port to use when it is free; 0 for any
     * @return {@code preferred} if free, else a free port
     */
    static int preferredOrFree(int preferred) {
        if (preferred > 0 && free(preferred)) {
            return preferred;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
