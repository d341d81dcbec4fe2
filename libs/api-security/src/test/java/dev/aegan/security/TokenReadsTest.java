package dev.aegan.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SecurityProfiles.TokenReads.class)
class TokenReadsTest {
    @Test
    void readsNeedAReaderToken() {
        given().get("/guarded").then().statusCode(401).body("code", equalTo("AUTHENTICATION_REQUIRED"));
        given().auth().oauth2(ApiAuthenticationTest.READER).get("/guarded").then().statusCode(200)
                .body(equalTo("read by ann"));
        given().auth().oauth2(ApiAuthenticationTest.ADMIN).get("/guarded").then().statusCode(200);
    }
}
