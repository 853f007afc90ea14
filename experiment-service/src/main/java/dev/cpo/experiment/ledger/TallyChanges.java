package dev.cpo.experiment.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

/** The changes a batch makes to the aggregate cells; applied to storage in one step. Not thread-safe. */
public final class TallyChanges {

    private final Map<TallyKey, Tally> cells = new LinkedHashMap<>();

    /**
     * @param key a cell
     * @return the cell's change, created at zero on first use
     */
    public Tally cell(TallyKey key) {
        return cells.computeIfAbsent(key, k -> new Tally());
    }

    /**
     * @return the changed cells, without those whose changes cancelled out
     */
    public Map<TallyKey, Tally> nonZero() {
        Map<TallyKey, Tally> out = new LinkedHashMap<>();
        cells.forEach((key, tally) -> {
            if (!tally.isZero()) {
                out.put(key, tally);
            }
        });
        return out;
    }

    /**
     * @param into totals to add every change to
     */
    public void applyTo(Map<TallyKey, Tally> into) {
        cells.forEach((key, tally) -> into.computeIfAbsent(key, k -> new Tally()).add(tally));
    }

    /** Forgets every change. */
    public void clear() {
        cells.clear();
    }
}
