package dev.cpo.experiment.report;

import dev.cpo.experiment.definition.ExperimentDefinition;
import dev.cpo.experiment.history.HillstromSegments;
import dev.cpo.experiment.persistence.ExperimentRegistry;
import dev.cpo.experiment.persistence.JdbcMeasurement;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** Reads an experiment's cells from PostgreSQL and builds its report; no event is ever scanned. */
@ApplicationScoped
public class ExperimentReports {

    private final ExperimentRegistry experiments;
    private final JdbcMeasurement measurement;
    private final Clock clock;
    private final ReportBuilder builder = new ReportBuilder();

    ExperimentReports(ExperimentRegistry experiments, JdbcMeasurement measurement, Clock clock) {
        this.experiments = experiments;
        this.measurement = measurement;
        this.clock = clock;
    }

    /**
     * @param experimentId an experiment
     * @return its report, empty if there is no such experiment
     */
    public Optional<ExperimentReport> report(String experimentId) {
        return experiments.find(experimentId).map(d -> builder.build(d, measurement.cells(d.id()), clock.instant()));
    }

    /**
     * @param experimentId an experiment
     * @param dimension null for the segments; else a dimension of {@code k=v;k=v} segment ids, e.g. {@code channel}
     * @return the breakdown, empty if there is no such experiment
     */
    public Optional<ExperimentReport.Segments> segments(String experimentId, String dimension) {
        Optional<ExperimentDefinition> definition = experiments.find(experimentId);
        return definition.map(d -> builder.segments(d, measurement.cells(d.id()), dimension,
                segment -> HillstromSegments.parseSegmentId(segment).get(dimension)));
    }
}
