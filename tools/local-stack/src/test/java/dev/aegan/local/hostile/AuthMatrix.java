package dev.aegan.local.hostile;

import dev.aegan.local.Service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every endpoint of every service (as its OpenAPI document lists them) called by every kind of
 * caller, with the answer each should get under the default {@code aegan.auth.read-access=open}:
 * reads answer anyone with a valid token or none; a write needs a trainer (401
 * {@code AUTHENTICATION_REQUIRED} without a token, 403 {@code ROLE_REQUIRED} for a reader); a
 * token no service knows is 401 {@code INVALID_TOKEN} everywhere.
 */
final class AuthMatrix {
    /** One endpoint called by one caller: what came back, and what is wrong with it (null if nothing). */
    record Cell(Service service, OpenApiEndpoints.Endpoint endpoint, Caller caller, HttpAnswer answer,
                String problem) {
    }

    private final List<Cell> cells;

    private AuthMatrix(List<Cell> cells) {
        this.cells = List.copyOf(cells);
    }

    static AuthMatrix measure(StackHttp http, Map<Service, List<OpenApiEndpoints.Endpoint>> endpoints) {
        List<Cell> cells = new ArrayList<>();
        endpoints.forEach((service, list) -> {
            for (OpenApiEndpoints.Endpoint endpoint : list) {
                for (Caller caller : Caller.values()) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (endpoint.contentType() != null) {
                        headers.put("Content-Type", endpoint.contentType());
                    }
                    HttpAnswer answer = http.send(service, caller, endpoint.method(), endpoint.path(), headers,
                            endpoint.body().getBytes(StandardCharsets.UTF_8));
                    cells.add(new Cell(service, endpoint, caller, answer, problem(endpoint, caller, answer)));
                }
            }
        });
        return new AuthMatrix(cells);
    }

    private static String problem(OpenApiEndpoints.Endpoint endpoint, Caller caller, HttpAnswer answer) {
        if (caller == Caller.INVALID) {
            return refusal(answer, 401, "INVALID_TOKEN");
        }
        if (endpoint.isRead() || caller == Caller.TRAINER || caller == Caller.ADMIN) {
            return admitted(answer);
        }
        return caller == Caller.ANONYMOUS ? refusal(answer, 401, "AUTHENTICATION_REQUIRED")
                : refusal(answer, 403, "ROLE_REQUIRED");
    }

    private static String refusal(HttpAnswer answer, int status, String code) {
        return answer.status() == status && code.equals(answer.errorCode()) ? null
                : "expected " + status + " " + code + ", got " + answer;
    }

    /** Let through: whatever the endpoint then says about the harmless request, but no refusal of the caller and no crash. */
    private static String admitted(HttpAnswer answer) {
        boolean refused = answer.status() == 401 || answer.status() == 403;
        return refused || answer.status() >= 500 ? "expected to be let through, got " + answer : null;
    }

    List<Cell> problems() {
        return cells.stream().filter(cell -> cell.problem() != null).toList();
    }

    int endpointCount() {
        return cells.size() / Caller.values().length;
    }

    /** The matrix as a Markdown table: endpoint x caller -> status and code, a cross where it is wrong. */
    String table() {
        StringBuilder table = new StringBuilder("| service | endpoint |");
        for (Caller caller : Caller.values()) {
            table.append(' ').append(caller.label()).append(" |");
        }
        table.append("\n|---|---|").append("---|".repeat(Caller.values().length)).append('\n');
        for (int row = 0; row < cells.size(); row += Caller.values().length) {
            Cell first = cells.get(row);
            table.append("| ").append(first.service().module()).append(" | `").append(first.endpoint()).append("` |");
            for (int column = 0; column < Caller.values().length; column++) {
                Cell cell = cells.get(row + column);
                table.append(' ').append(cell.answer().status());
                String code = cell.answer().errorCode();
                if (code != null) {
                    table.append(' ').append(code);
                }
                table.append(cell.problem() == null ? "" : " ✗").append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }
}
