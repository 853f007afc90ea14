package dev.cpo.launcher;

import java.io.PrintStream;
import java.util.List;

/**
 * Progress bars per stage. On a terminal they are redrawn in place; elsewhere (CI logs) a line is printed only when
 * something changed, at most every few seconds.
 */
final class ProgressView {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long customers;
    private int drawnLines;
    private String lastPlain = "";
    private long lastPlainAt;

    ProgressView(PrintStream out, boolean terminal, long customers) {
        this.out = out;
        this.terminal = terminal;
        this.customers = customers;
    }

    void show(StageCounts.Snapshot s) {
        List<String> lines = List.of(
                bar("customers segmented", s.segmented(), Math.max(customers, s.segmented())),
                bar("content retrieved", s.retrieved(), s.of("segments")),
                bar("variants generated", s.generated(), s.of("content")),
                bar("screened", s.screened(), s.of("variants")),
                bar("assigned or skipped", s.decided(), s.of("screened")),
                bar("delivered (simulator)", s.simulated(), s.of("assignments")),
                bar("engagement measured", s.measuredEngagement(), s.of("engagement")));
        if (terminal) {
            if (drawnLines > 0) {
                out.print("\033[" + drawnLines + "F");
            }
            for (String line : lines) {
                out.print("\033[2K" + line + "\n");
            }
            drawnLines = lines.size();
            out.flush();
            return;
        }
        String plain = String.format("  %d customers: segmented %d, retrieved %d, generated %d, screened %d,"
                + " assigned or skipped %d, delivered %d, engagement %d (measured %d)", customers, s.segmented(),
                s.retrieved(), s.generated(), s.screened(), s.decided(), s.simulated(), s.of("engagement"),
                s.measuredEngagement());
        long now = System.nanoTime();
        if (!plain.equals(lastPlain) && now - lastPlainAt > 3_000_000_000L) {
            out.println(plain);
            lastPlain = plain;
            lastPlainAt = now;
        }
    }

    private static String bar(String label, long done, long total) {
        double share = total == 0 ? (done == 0 ? 0 : 1) : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(share * WIDTH);
        return String.format("  %-22s [%s%s] %,5d/%,d %3.0f%%", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, share * 100);
    }
}
