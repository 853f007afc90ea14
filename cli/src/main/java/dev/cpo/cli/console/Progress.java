package dev.cpo.cli.console;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * A progress report of {@code done / total} on the error stream, in one of two styles:
 * <ul>
 * <li>{@link Style#BAR}: one line redrawn in place with {@code \r} (for a terminal), at most every
 * {@value #BAR_REFRESH_MILLIS} ms;</li>
 * <li>{@link Style#LINES}: a plain line at 0 % (start), 25 %, 50 %, 75 % and 100 %, readable in a CI log.</li>
 * </ul>
 * We render it ourselves instead of using a progress-bar library: the two styles are a few lines each, and a CI log
 * gets exactly five lines, not a redraw per tick. Thread-safe: Kafka acknowledgements arrive on the producer's thread.
 */
public final class Progress {

    /** How progress is drawn. */
    public enum Style {
        /** Redrawn in place; for terminals. */
        BAR,
        /** A few percentage lines; for logs. */
        LINES,
        /** Nothing. */
        NONE
    }

    static final long BAR_REFRESH_MILLIS = 100;
    private static final int BAR_WIDTH = 30;
    private static final int[] MILESTONES = {25, 50, 75, 100};

    private final PrintWriter out;
    private final Style style;
    private final String label;
    private final long total;
    private final LongFunction<String> units;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDrawMillis = -BAR_REFRESH_MILLIS;
    private int nextMilestone;
    private boolean finished;

    /**
     * @param out where to draw (the error stream)
     * @param style the style
     * @param label what is counted, e.g. "sent"
     * @param total the expected count (at least 0)
     * @param units formats a count, e.g. as records or bytes
     */
    public Progress(PrintWriter out, Style style, String label, long total, LongFunction<String> units) {
        this.out = out;
        this.style = style;
        this.label = label;
        this.total = Math.max(0, total);
        this.units = units;
        if (style == Style.LINES) {
            out.println(label + " 0/" + units.apply(this.total) + " (0%)");
            out.flush();
        }
    }

    /**
     * The style for a stream: a bar on a terminal or when forced, percentage lines otherwise.
     *
     * @param forceBar the user asked for the bar (--progress)
     * @param interactive the stream is a terminal
     * @return the style
     */
    public static Style styleFor(boolean forceBar, boolean interactive) {
        return forceBar || interactive ? Style.BAR : Style.LINES;
    }

    /**
     * @param count counts things, e.g. records
     * @return counts formatted with thousands separators
     */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /**
     * @param bytes a size
     * @return the size in B, KiB or MiB
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /**
     * Adds to the count and redraws when due.
     *
     * @param delta how many more are done
     */
    public synchronized void advance(long delta) {
        done += delta;
        draw(false);
    }

    /** Draws the final state (the bar ends its line). Idempotent. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        draw(true);
        if (style == Style.BAR) {
            out.println();
            out.flush();
        }
        finished = true;
    }

    /** @return how many are done so far */
    public synchronized long done() {
        return done;
    }

    private void draw(boolean last) {
        switch (style) {
            case BAR -> {
                long now = (System.nanoTime() - startNanos) / 1_000_000;
                if (last || now - lastDrawMillis >= BAR_REFRESH_MILLIS) {
                    lastDrawMillis = now;
                    out.print("\r" + bar());
                    out.flush();
                }
            }
            case LINES -> {
                int percent = percent();
                while (nextMilestone < MILESTONES.length && percent >= MILESTONES[nextMilestone]) {
                    out.println(label + " " + units.apply(Math.min(done, total)) + "/" + units.apply(total) + " ("
                            + MILESTONES[nextMilestone] + "%)");
                    nextMilestone++;
                }
                out.flush();
            }
            case NONE -> {
            }
        }
    }

    private int percent() {
        return total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
    }

    String bar() {
        int filled = (int) (total == 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, done * BAR_WIDTH / total));
        return label + " [" + "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + units.apply(done) + "/"
                + units.apply(total) + String.format(Locale.ROOT, " %3d%%", percent());
    }
}
