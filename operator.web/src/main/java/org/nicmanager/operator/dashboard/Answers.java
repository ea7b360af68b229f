package org.nicmanager.operator.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletResponse;

import com.google.gson.JsonObject;

/** Small JSON answers of the dashboard's API. */
final class Answers {

    private Answers() {
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, "error", message);
    }

    static void send(HttpServletResponse response, int status, String field, String message) throws IOException {
        JsonObject answer = new JsonObject();
        answer.addProperty(field, message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(answer.toString());
    }
}
