package dev.cpo.generation.cache;

import dev.cpo.events.Variant;
import dev.cpo.generation.generate.VariantSetKey;
import java.util.List;
import java.util.Optional;

/** Where variant sets outlive the process (PostgreSQL in the service), so a restart does not regenerate them. */
public interface VariantSetStore {

    /**
     * @param key a set's key
     * @return the stored set, if any
     * @throws VariantStoreException when the store cannot be read
     */
    Optional<List<Variant>> find(VariantSetKey key);

    /**
     * Stores a set unless one is stored under the key already, and returns the stored one: when two replicas generate
     * the same set at once, both publish the first one stored.
     *
     * @param key the set's key
     * @param variants the set
     * @return the set now stored under the key
     * @throws VariantStoreException when the store cannot be written
     */
    List<Variant> putIfAbsent(VariantSetKey key, List<Variant> variants);

    /** The store could not be reached. */
    class VariantStoreException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * @param message what failed
         * @param cause why
         */
        public VariantStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
