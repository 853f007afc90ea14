package dev.cpo.cli.customers;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The transaction-history formats {@code import-customers} reads. */
public enum ImportFormat {
    /** CDNOW master file: whitespace separated, one order per row, USD, no consent. */
    CDNOW("cdnow", "USD"),
    /** UCI Online Retail II rolled up per invoice: cancellations are refunds, GBP, no consent. */
    ONLINE_RETAIL("online-retail", "GBP"),
    /** The documented generic CRM CSV (see the module README), consent from its {@code email_consent} column. */
    CSV("csv", null);

    private final String id;
    private final String currency;

    ImportFormat(String id, String currency) {
        this.id = id;
        this.currency = currency;
    }

    /** @return the name on the command line, e.g. {@code online-retail} */
    public String id() {
        return id;
    }

    /** @return the currency of the whole dataset, or null when each row may carry its own (csv) */
    public String currency() {
        return currency;
    }

    /** @return whether the dataset carries no consent, so the consent is synthetic (--consent) */
    public boolean syntheticConsent() {
        return this != CSV;
    }

    /**
     * @return a reader for this format
     */
    public TransactionFileReader reader() {
        return switch (this) {
            case CDNOW -> new CdnowReader();
            case ONLINE_RETAIL -> new OnlineRetailReader();
            case CSV -> new CrmCsvReader();
        };
    }

    @Override
    public String toString() {
        return id;
    }

    /** Command-line conversion by {@link #id()}. */
    public static final class Converter implements ITypeConverter<ImportFormat> {
        @Override
        public ImportFormat convert(String value) {
            return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(value.trim())).findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", "))));
        }
    }
}
