package dev.cpo.segmentation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A trained segmentation model, stored as its plain data in JSON (active record). */
@Entity
@Table(name = "segmentation_model")
public class SegmentationModelRecord extends PanacheEntityBase {

    @Id
    public String version;
    public String strategy;
    @Column(name = "trained_at")
    public Instant trainedAt;
    @Column(name = "trained_on")
    public int trainedOn;
    /** The model's plain data as JSON; see {@code ModelCodec}. */
    public String model;

    /**
     * @param strategy a strategy name, lower case
     * @return the newest model of that strategy
     */
    public static Optional<SegmentationModelRecord> newest(String strategy) {
        return find("strategy", Sort.descending("trainedAt"), strategy).firstResultOptional();
    }
}
