package dev.cpo.simulator;

import dev.cpo.testing.KafkaResource;
import dev.cpo.testing.ObservabilityContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The observability baseline shared by every service: health, metrics, OpenAPI. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class ObservabilityTest extends ObservabilityContract {
}
