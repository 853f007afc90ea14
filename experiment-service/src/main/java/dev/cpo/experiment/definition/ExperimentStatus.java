package dev.cpo.experiment.definition;

/** Where an experiment stands at a given time. */
public enum ExperimentStatus {
    /** Its start is in the future. */
    SCHEDULED,
    /** Started and not stopped: a live experiment assigns customers. */
    RUNNING,
    /** Its stop time has passed: no new assignments; engagement is still measured. */
    STOPPED
}
