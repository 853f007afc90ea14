package dev.cpo.cli.customers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Consent for datasets that carry none (cdnow, online-retail): synthetic, chosen with {@code --consent}. The csv
 * format never uses this: its {@code email_consent} column decides, and absent or blank means {@code false}.
 */
public enum ConsentPolicy {
    /** Everyone opted in. */
    ALL,
    /** Nobody opted in. */
    NONE,
    /** A deterministic ~85 % opt-in: the same customer always gets the same answer. */
    SAMPLE;

    /** The opt-in share of {@link #SAMPLE}, in percent. */
    public static final int SAMPLE_OPT_IN_PERCENT = 85;

    /**
     * @param customerId the customer
     * @return the synthetic consent of the customer
     */
    public boolean consents(String customerId) {
        return switch (this) {
            case ALL -> true;
            case NONE -> false;
            case SAMPLE -> bucket(customerId) < SAMPLE_OPT_IN_PERCENT;
        };
    }

    /** @return 0..99 from the SHA-256 of the customer id */
    static int bucket(String customerId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("consent/" + customerId).getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8)
                    | (hash[3] & 0xffL);
            return (int) (value % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
