package org.nicmanager.operator.web;

import java.util.Map;

import javax.servlet.http.HttpServletResponse;

/** A request turned away: its status, a one-line reason, and headers the status calls for (Allow, WWW-Authenticate). */
record Refusal(int status, String message, Map<String, String> headers) {

    static Refusal forbidden(String message) {
        return new Refusal(HttpServletResponse.SC_FORBIDDEN, message, Map.of());
    }

    static Refusal badRequest(String message) {
        return new Refusal(HttpServletResponse.SC_BAD_REQUEST, message, Map.of());
    }
}
