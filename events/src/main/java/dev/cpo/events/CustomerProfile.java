package dev.cpo.events;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Who the customer is, as the CRM knows them. Every field is optional. Personal data: {@code firstName},
 * {@code lastName} and {@code email} never leave the segmentation stage and never appear in logs or error reasons.
 *
 * @param firstName given name
 * @param lastName family name
 * @param email e-mail address (something@something)
 * @param country ISO 3166-1 alpha-2 country code, upper case (e.g. "DE")
 * @param language preferred language as a BCP 47 tag (e.g. "de", "en-GB")
 * @param accountCreatedAt when the customer's account was opened
 * @param tier loyalty tier, e.g. "bronze", "silver", "gold"
 */
public record CustomerProfile(String firstName, String lastName, String email, String country, String language,
        Instant accountCreatedAt, String tier) {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    /** Validates the formats of the fields that are present. */
    public CustomerProfile {
        Checks.matches("email", email, EMAIL, "an e-mail address");
        Checks.matches("country", country, COUNTRY, "an upper-case ISO 3166-1 alpha-2 code");
        Checks.matches("language", language, LANGUAGE, "a BCP 47 language tag");
    }
}
