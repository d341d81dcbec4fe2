package dev.aegan.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ApiAuthenticationTest {
    static final String READER = "reader-secret-0123456789abcdef";
    static final String TRAINER = "trainer-secret-0123456789abcdef";
    static final String ADMIN = "admin-secret-0123456789abcdef";

    @Test
    void readsAreOpenByDefault() {
        given().get("/guarded").then().statusCode(200).body(equalTo("read by anonymous"));
        given().auth().oauth2(READER).get("/guarded").then().statusCode(200).body(equalTo("read by ann"));
    }

    @Test
    void writesNeedATokenWithTheRole() {
        given().post("/guarded").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("AUTHENTICATION_REQUIRED"), "message", containsString("trainer"));
        given().auth().oauth2(READER).post("/guarded").then().statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"), "message", containsString("'ann'"));
        given().auth().oauth2(TRAINER).post("/guarded").then().statusCode(200).body(equalTo("trained by tom"));
        given().auth().oauth2(ADMIN).post("/guarded").then().statusCode(200).body(equalTo("trained by ada"));
        given().auth().oauth2(TRAINER).post("/guarded/admin").then().statusCode(403)
                .body("code", equalTo("ROLE_REQUIRED"));
        given().auth().oauth2(ADMIN).post("/guarded/admin").then().statusCode(200);
    }

    @Test
    void anUnknownTokenOrAnotherSchemeIsRefusedEvenForOpenReads() {
        given().auth().oauth2(TRAINER + "x").get("/guarded").then().statusCode(401)
                .body("code", equalTo("INVALID_TOKEN"));
        given().header("Authorization", "Basic dG9tOnNlY3JldA==").post("/guarded").then().statusCode(401)
                .body("code", equalTo("INVALID_TOKEN"));
        given().header("Authorization", "Bearer").post("/guarded").then().statusCode(401)
                .body("code", equalTo("INVALID_TOKEN"));
    }

    @Test
    void anEndpointWithoutADeclaredRoleAnswersNobody() {
        given().auth().oauth2(ADMIN).get("/undeclared").then().statusCode(403);
    }

    @Test
    void aBrowserCannotWriteFromAnotherSite() {
        given().auth().oauth2(TRAINER).header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded").body("stop=1")
                .post("/guarded").then().statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST"));
        given().auth().oauth2(TRAINER).header("Sec-Fetch-Site", "cross-site")
                .post("/guarded").then().statusCode(403).body("code", equalTo("CROSS_SITE_REQUEST"));
        given().header("Origin", "https://evil.example").get("/guarded").then().statusCode(200);
        given().auth().oauth2(TRAINER).header("Origin", "https://gallery.example")
                .post("/guarded").then().statusCode(200);
    }

    @Test
    void aSameOriginBrowserWriteIsAccepted() {
        int port = io.restassured.RestAssured.port;
        given().auth().oauth2(TRAINER).header("Origin", "http://localhost:" + port)
                .post("/guarded").then().statusCode(200);
    }
}
