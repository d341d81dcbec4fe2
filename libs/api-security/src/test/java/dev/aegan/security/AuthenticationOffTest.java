package dev.aegan.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SecurityProfiles.AuthenticationOff.class)
class AuthenticationOffTest {
    @Test
    void everyCallerMayDoEverythingButWriteFromAnotherSite() {
        given().post("/guarded/admin").then().statusCode(200);
        given().header("Origin", "https://evil.example").post("/guarded").then().statusCode(403)
                .body("code", equalTo("CROSS_SITE_REQUEST"));
    }
}
