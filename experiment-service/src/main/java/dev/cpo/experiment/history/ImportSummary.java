package dev.cpo.experiment.history;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an import read and produced. Counts of events cover valid rows only.
 *
 * @param experimentId the experiment the events belong to
 * @param headerValid whether the header had every required column; if not, no data line was read
 * @param rowsRead data records read (after the header; empty lines are skipped and not counted)
 * @param rowsOk rows that gave events
 * @param rowsRejected data rows rejected (each reported as a {@link LineError})
 * @param lineErrors every {@link LineError} reported, the header's included
 * @param assignments assignment events (one per valid row)
 * @param clicks clicked events ({@code visit == 1})
 * @param conversions converted events ({@code conversion == 1})
 * @param revenue the sum of the converted events' revenue ({@code spend} of converting rows)
 * @param spend the sum of {@code spend} over all valid rows, converting or not
 * @param arms per arm, in the design's order (every arm present, possibly with zeros)
 * @param conversionsWithoutVisit valid rows with {@code conversion == 1} but {@code visit == 0}
 * @param spendWithoutConversion valid rows with {@code spend > 0} but {@code conversion == 0} (their spend is not
 *        emitted as revenue)
 * @param conversionsWithoutSpend valid rows with {@code conversion == 1} and {@code spend == 0}
 * @param distinctSegments distinct segment ids among valid rows
 */
public record ImportSummary(String experimentId, boolean headerValid, long rowsRead, long rowsOk, long rowsRejected,
        long lineErrors, long assignments, long clicks, long conversions, BigDecimal revenue, BigDecimal spend,
        Map<String, ArmCounts> arms, long conversionsWithoutVisit, long spendWithoutConversion,
        long conversionsWithoutSpend, long distinctSegments) {

    /** Copies the arm map, keeping its order. */
    public ImportSummary {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(spend, "spend");
        arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
    }

    /**
     * @return whether nothing was rejected (an empty file or a file with a header only is clean if the header is)
     */
    public boolean clean() {
        return lineErrors == 0;
    }

    /**
     * Counts of one arm.
     *
     * @param assignments assignment events
     * @param clicks clicked events
     * @param conversions converted events
     * @param revenue the converted events' revenue
     */
    public record ArmCounts(long assignments, long clicks, long conversions, BigDecimal revenue) {

        /** Checks that revenue is present. */
        public ArmCounts {
            Objects.requireNonNull(revenue, "revenue");
        }
    }
}
