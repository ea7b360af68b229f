package org.nicmanager.operator.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The mark {@link RequestGuard} leaves on each request it lets through. The whiteboard registers the guard and the
 * servlets independently, so for a moment at start a servlet may be served before the guard is in place: servlets that
 * read or change the host check the mark and, without it, answer 503 and do nothing (closed, not open).
 */
public final class GuardMark {

    static final String ATTRIBUTE = "org.nicmanager.operator.web.guarded";

    private GuardMark() {
    }

    static void mark(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    /** @return whether the guard let this request through; if not, a 503 has been answered */
    public static boolean passed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE))) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Retry-After", "1");
        response.getWriter().write("{\"error\":\"the dashboard's request guard is not in place yet; try again\"}");
        return false;
    }
}
