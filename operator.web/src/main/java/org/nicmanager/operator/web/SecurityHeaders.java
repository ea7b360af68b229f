package org.nicmanager.operator.web;

import javax.servlet.http.HttpServletResponse;

/**
 * Headers on every answer, refusals included: no other site may frame the dashboard (clickjacking its buttons), the
 * page loads scripts, styles and data from this host only, and browsers take each answer for the type it declares.
 */
final class SecurityHeaders {

    /** The page's own files and its API only; Chart.js draws on a canvas and sets styles through the DOM. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
