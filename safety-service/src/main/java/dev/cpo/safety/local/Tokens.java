package dev.cpo.safety.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The normalised words of one text in order, with sentence boundaries ({@code null} primary form). Each word has a
 * primary form and, for obfuscated spellings, alternative forms. One instance per call: not thread-safe.
 */
final class Tokens {

    private String[] primary;
    private String[][] alternatives;
    private boolean[] joined;
    private int size;
    private List<String> symbols;
    private int[] scratchStarts = new int[16];
    private int[] scratchEnds = new int[16];
    private char[] scratchChars = new char[32];

    /** Set by the normaliser for the word it just read. */
    boolean lastWordHadL;
    /** Set by the normaliser for the word it just read. */
    boolean lastWordHasLetter;

    Tokens(int capacity) {
        primary = new String[capacity];
        alternatives = new String[capacity][];
        joined = new boolean[capacity];
    }

    void add(String word, String[] alts, boolean wasJoined) {
        if (size == primary.length) {
            int n = size * 2 + 8;
            primary = Arrays.copyOf(primary, n);
            alternatives = Arrays.copyOf(alternatives, n);
            joined = Arrays.copyOf(joined, n);
        }
        primary[size] = word;
        alternatives[size] = alts;
        joined[size] = wasJoined;
        size++;
    }

    /** Ends a sentence; never two in a row, never first. */
    void boundary() {
        if (size > 0 && primary[size - 1] != null) {
            add(null, null, false);
        }
    }

    void symbol(String symbol) {
        if (symbols == null) {
            symbols = new ArrayList<>(2);
        }
        symbols.add(symbol);
    }

    int size() {
        return size;
    }

    boolean isBoundary(int i) {
        return primary[i] == null;
    }

    String primary(int i) {
        return primary[i];
    }

    /** @return the alternative forms of word i, or null */
    String[] alternatives(int i) {
        return alternatives[i];
    }

    /** @return whether word i was spelled out letter by letter inside one chunk ("f.u.c.k") */
    boolean joined(int i) {
        return joined[i];
    }

    /** @return stand-alone symbols such as emoji, or an empty list */
    List<String> symbols() {
        return symbols == null ? List.of() : symbols;
    }

    int[] scratchStarts(int n) {
        if (scratchStarts.length < n) {
            scratchStarts = new int[n];
        }
        return scratchStarts;
    }

    char[] scratchChars(int n) {
        if (scratchChars.length < n) {
            scratchChars = new char[n];
        }
        return scratchChars;
    }

    int[] scratchEnds(int n) {
        if (scratchEnds.length < n) {
            scratchEnds = new int[n];
        }
        return scratchEnds;
    }
}
