package dev.aegan.trainer.endpoint;

import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.trainer.support.Eventually;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What operators rely on: health says where training happens, metrics and the API description are served. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class ServiceEndpointsTest {

    /** Ready once runs.requests has been read from the beginning, which takes a moment after start. */
    @Test
    void readinessNamesTheTrainingDevice() {
        Eventually.holds(Duration.ofSeconds(30), () -> given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("trainer"))
                .body("checks.find { it.name == 'trainer' }.data.device", containsString("cpu")));
    }

    @Test
    void prometheusMetricsAndOpenApiAreServed() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("aegan_trainer_active_runs"))
                .body(containsString("aegan_trainer_steps_total"))
                .body(containsString("aegan_trainer_duplicate_requests_total"));
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/runs/{runId}/stop"));
    }
}
