package dev.aegan.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(TokenReadsTest.TokenReads.class)
class TokenReadsTest {
    public static class TokenReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aegan.auth.read-access", "token");
        }
    }

    @Test
    void readsNeedAReaderToken() {
        given().get("/guarded").then().statusCode(401).body("code", equalTo("AUTHENTICATION_REQUIRED"));
        given().auth().oauth2(ApiAuthenticationTest.READER).get("/guarded").then().statusCode(200)
                .body(equalTo("read by ann"));
        given().auth().oauth2(ApiAuthenticationTest.ADMIN).get("/guarded").then().statusCode(200);
    }
}
