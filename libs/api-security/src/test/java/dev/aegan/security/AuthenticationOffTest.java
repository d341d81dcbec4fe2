package dev.aegan.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(AuthenticationOffTest.Off.class)
class AuthenticationOffTest {
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aegan.auth.enabled", "false");
        }
    }

    @Test
    void everyCallerMayDoEverythingButWriteFromAnotherSite() {
        given().post("/guarded/admin").then().statusCode(200);
        given().header("Origin", "https://evil.example").post("/guarded").then().statusCode(403)
                .body("code", equalTo("CROSS_SITE_REQUEST"));
    }
}
