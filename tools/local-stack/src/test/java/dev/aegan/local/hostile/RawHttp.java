package dev.aegan.local.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken byte for byte over a socket, so a request goes out exactly as written: no
 * Content-Type a client library adds on its own, a Content-Length that is not a number, a path
 * with {@code ..} that no URI class normalises away, raw non-ASCII in the request line.
 */
final class RawHttp {
    /** A safety net for a service that never answers, not a measure of how fast it should. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(3);
    private static final int CHUNK = 64 * 1024;

    private RawHttp() {
    }

    /**
     * Sends one request and reads its answer. {@code Host} and {@code Connection: close} are added;
     * {@code Content-Length} too, unless {@code headers} sets it (to anything at all).
     */
    static HttpAnswer send(String baseUrl, String method, String path, Map<String, String> headers, byte[] body) {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head(base, method, path, headers, body));
            out.flush();
            writeBody(out, body);
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + shortened(path) + " on " + baseUrl + " got no answer", e);
        }
    }

    private static byte[] head(URI base, String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        head.append("Connection: close\r\n");
        boolean lengthGiven = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Length"));
        if (!lengthGiven && (body.length > 0 || !method.equals("GET"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A service may answer and close before it has read a refused body (413, 414): the answer is
     * still there to read, so a write cut short is not the outcome.
     */
    private static void writeBody(OutputStream out, byte[] body) {
        try {
            for (int at = 0; at < body.length; at += CHUNK) {
                out.write(body, at, Math.min(CHUNK, body.length - at));
            }
            out.flush();
        } catch (SocketException e) {
            // the answer, read next, says why
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpAnswer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the connection closed without an answer");
        }
        String[] status = statusLine.split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int code = Integer.parseInt(status[1]);
        String type = headers.getOrDefault("content-type", "");
        // an event stream never ends: its status and headers are the answer
        byte[] body = type.startsWith("text/event-stream") ? new byte[0] : body(in, headers);
        return new HttpAnswer(code, headers, body);
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
            return body.toByteArray();
        }
        return readUntilClosed(in);
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        return line == null ? 0 : Integer.parseInt(line.split(";", 2)[0].strip(), 16);
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            return new byte[0];
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static String shortened(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "... (" + text.length() + " characters)";
    }
}
