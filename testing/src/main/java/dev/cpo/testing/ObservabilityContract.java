package dev.cpo.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * The observability baseline every CPO service must offer, as tests a service inherits:
 * {@code @QuarkusTest class ObservabilityTest extends ObservabilityContract {}}.
 * <p>
 * Health (liveness and readiness, which includes the Kafka channels and the datasource where a service has them),
 * Prometheus metrics, the OpenAPI document and Swagger UI.
 */
public abstract class ObservabilityContract {

    @Test
    void isLiveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("# TYPE process_uptime_seconds gauge"));
    }

    @Test
    void publishesItsOpenApiDocumentAndSwaggerUi() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", startsWith("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
