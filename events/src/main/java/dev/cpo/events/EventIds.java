package dev.cpo.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event ids: a stage that re-processes the same input event produces an output event with the same
 * id, so consumers can de-duplicate on {@link CpoEvent#eventId()}.
 */
public final class EventIds {

    /** Namespace of all derived ids (name-based UUIDs, RFC 9562 version 5). */
    public static final UUID NAMESPACE = UUID.fromString("6f0c2b1e-4a5d-5c3e-9f7a-2d1b8e4c6a90");

    private EventIds() {
    }

    /**
     * The id of the event a stage produces from an input event: a version 5 (SHA-1, name-based) UUID of
     * {@link #NAMESPACE} and {@code causationId + "/" + stage}.
     *
     * @param causationId the input event's id
     * @param stage the producing stage, e.g. {@code "segmentation"}; distinguishes several outputs of one input
     * @return the same UUID for the same arguments, a different one for a different stage or input
     */
    public static UUID derive(UUID causationId, String stage) {
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(stage, "stage");
        if (stage.isBlank()) {
            throw new IllegalArgumentException("stage must not be blank");
        }
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        ByteBuffer namespace = ByteBuffer.allocate(16);
        namespace.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(namespace.array());
        sha1.update((causationId + "/" + stage).getBytes(StandardCharsets.UTF_8));
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
