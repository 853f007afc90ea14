package dev.cpo.segmentation.service;

import dev.cpo.segmentation.segment.SegmentAssigner;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The segment assigner in force, replaced as a whole when a model is trained or loaded, and the lock that keeps a
 * batch of customer updates and a recompute from interleaving (each takes it around its whole transaction).
 */
public final class ActiveSegmenter {

    private final AtomicReference<SegmentAssigner> current;
    private final ReentrantLock writes = new ReentrantLock();

    /** @param initial the assigner in force until another is activated */
    public ActiveSegmenter(SegmentAssigner initial) {
        this.current = new AtomicReference<>(initial);
    }

    /** @return the assigner in force now */
    public SegmentAssigner get() {
        return current.get();
    }

    /** @param assigner the assigner in force from now on */
    public void activate(SegmentAssigner assigner) {
        current.set(assigner);
    }

    /**
     * Runs work that writes segments, never at the same time as other such work in this instance.
     *
     * @param work the work, including its transaction
     * @return what the work returns
     */
    public <T> T exclusively(Supplier<T> work) {
        writes.lock();
        try {
            return work.get();
        } finally {
            writes.unlock();
        }
    }
}
