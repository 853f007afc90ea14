package dev.cpo.experiment;

import dev.cpo.testing.ObservabilityContract;
import io.quarkus.test.junit.QuarkusTest;

/** The observability baseline shared by every service: health, metrics, OpenAPI. */
@QuarkusTest
class ObservabilityTest extends ObservabilityContract {
}
