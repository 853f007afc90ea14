package dev.cpo.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Small helpers shared by the launchers: ports, processes, files. Internal API of cpo-testing.
 */
public final class Support {

    /** The address every test server binds to and advertises. */
    public static final String LOOPBACK = "127.0.0.1";

    private Support() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago.
     *
     * @return a port number
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + LOOPBACK, e);
        }
    }

    /**
     * Whether something accepts TCP connections on 127.0.0.1:port.
     *
     * @param port the port
     * @return true if a connection could be opened within 500 ms
     */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a process runs: it exists and is not a zombie (a killed orphan that no init process reaped yet counts as
     * gone: it holds no memory, files or ports any more).
     *
     * @param pid the pid
     * @return true if the process exists and is not a zombie
     */
    public static boolean running(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String content = Files.readString(stat, StandardCharsets.UTF_8);
            // pid (comm) STATE ...: comm may contain spaces and parentheses, the state follows the last ')'.
            int close = content.lastIndexOf(')');
            return close < 0 || close + 2 >= content.length() || content.charAt(close + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The last lines of a text file, for error messages.
     *
     * @param file the file
     * @param lines how many lines at most
     * @return the lines joined with newlines, or a note if the file cannot be read
     */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            Deque<String> last = new ArrayDeque<>(all.subList(Math.max(0, all.size() - lines), all.size()));
            return String.join("\n", last);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /**
     * Deletes a file or a directory tree; missing files are fine.
     *
     * @param root the file or directory
     * @throws UncheckedIOException if something could not be deleted
     */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null && !(exc instanceof NoSuchFileException)) {
                        throw exc;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }

    /**
     * Seconds with one decimal, for log lines.
     *
     * @param startNanos a {@link System#nanoTime()} value
     * @return e.g. "2.9"
     */
    public static String secondsSince(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }
}
