package dev.cpo.cli.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an ISO-8601 instant with an offset: {@code 2025-03-01T06:00:00Z} or {@code 2025-03-01T07:00:00+01:00}. */
public final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not an ISO-8601 instant with offset, e.g. 2025-03-01T06:00:00Z");
        }
    }
}
