package dev.aegan.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Uploads dataset files to ingest-service as one multipart request, as a user's client would. */
public final class DatasetUpload {
    private DatasetUpload() {
    }

    public static String upload(String ingestUrl, String token, String dataset, List<Path> files) throws IOException, InterruptedException {
        return upload(ingestUrl, token, dataset, files, List.of());
    }

    /** @param labelNames the class names of labels 0, 1, ... for files whose labels are numbers (IDX); none if empty */
    public static String upload(String ingestUrl, String token, String dataset, List<Path> files,
                                List<String> labelNames) throws IOException, InterruptedException {
        String boundary = "aegan-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String query = labelNames.isEmpty() ? ""
                : "?labelNames=" + URLEncoder.encode(String.join(",", labelNames), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + "/datasets/" + dataset + query))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("ingest refused the upload (" + response.statusCode() + "): " + response.body());
        }
        return response.body();
    }
}
