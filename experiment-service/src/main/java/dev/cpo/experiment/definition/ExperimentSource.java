package dev.cpo.experiment.definition;

/** Where an experiment's customers come from. */
public enum ExperimentSource {
    /** Assigned here, from the {@code screened} topic; every treatment arm needs a tone. */
    LIVE,
    /** Imported from a past campaign: assignments and engagement arrive on the topics, nothing is assigned here. */
    HISTORICAL
}
