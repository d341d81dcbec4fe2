package dev.aegan.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TransportErrorsTest {

    @Test
    void aLongUrlIsAnsweredWithJson414() {
        given().queryParam("q", "x".repeat(9000)).get("/echo").then().statusCode(414)
                .contentType(ContentType.JSON).body("code", equalTo("URL_TOO_LONG"),
                        "message", containsString("8192"));
        given().queryParam("q", "x".repeat(100)).get("/echo").then().statusCode(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithJson413BeforeItIsRead() {
        given().contentType(ContentType.JSON).body("\"" + "x".repeat(2000) + "\"").post("/echo").then()
                .statusCode(413).contentType(ContentType.JSON).body("code", equalTo("BODY_TOO_LARGE"));
        given().contentType(ContentType.JSON).body("\"small\"").post("/echo").then().statusCode(200);
    }

    @Test
    void aClientThatStopsSendingIsCutOff() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 900\r\n\r\n\"only a few bytes").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // the server closes the connection after quarkus.http.idle-timeout of silence
            }
        }
    }
}
