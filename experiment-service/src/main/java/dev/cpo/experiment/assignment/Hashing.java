package dev.cpo.experiment.assignment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 based, platform-independent derivation of numbers from strings. */
final class Hashing {

    private Hashing() {
    }

    /**
     * @param text any text
     * @return the first 8 bytes of the SHA-256 of its UTF-8 form, big-endian
     */
    static long sha256Long(String text) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        byte[] hash = digest.digest(text.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (hash[i] & 0xFF);
        }
        return value;
    }

    /**
     * @param text any text
     * @return a number uniform in [0, 1): the top 53 bits of {@link #sha256Long} divided by 2^53
     */
    static double unit(String text) {
        return (sha256Long(text) >>> 11) * 0x1.0p-53;
    }
}
