-- Every trained segmentation model, kept for audit; the newest of the configured strategy is the one in force.
-- The model column holds the model's plain data as JSON (quintile boundaries, or centroids, scaling and labels).
CREATE TABLE segmentation_model (
    version     VARCHAR(64)  PRIMARY KEY,
    strategy    VARCHAR(32)  NOT NULL,
    trained_at  TIMESTAMPTZ  NOT NULL,
    trained_on  INTEGER      NOT NULL CHECK (trained_on >= 0),
    model       TEXT         NOT NULL
);
CREATE INDEX segmentation_model_strategy_trained_at_idx ON segmentation_model (strategy, trained_at DESC);
