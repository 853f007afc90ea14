package dev.cpo.retrieval.config;

import dev.cpo.retrieval.corpus.Corpus;
import dev.cpo.retrieval.corpus.CorpusLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The corpus in force: loaded at start, replaced as a whole by a rebuild. */
public final class CorpusHolder {

    private final Optional<Path> directory;
    private final AtomicReference<Corpus> current;

    /** @param directory where to read the corpus from; the one shipped in the jar when empty */
    public CorpusHolder(Optional<Path> directory) {
        this.directory = directory;
        this.current = new AtomicReference<>(load());
    }

    /** @return the corpus in force */
    public Corpus current() {
        return current.get();
    }

    /**
     * Reads the corpus again and puts it in force.
     *
     * @return the new corpus
     * @throws dev.cpo.retrieval.corpus.InvalidCorpusException when a document is invalid (the old corpus stays)
     */
    public Corpus reload() {
        Corpus loaded = load();
        current.set(loaded);
        return loaded;
    }

    private Corpus load() {
        return directory.map(CorpusLoader::fromDirectory).orElseGet(CorpusLoader::fromClasspath);
    }
}
