package org.nicmanager.operator.web;

import javax.servlet.http.HttpServletRequest;

/**
 * Decodes a request's query and form once, before any servlet reads them: a malformed one ({@code after=%ZZ}) is a
 * client's mistake, answered 400 in one line, not a failure of the servlet with the container's stack trace.
 */
final class Parameters {

    private Parameters() {
    }

    /** Null when the parameters decode (the container keeps them for the servlet), else the refusal. */
    static Refusal undecodable(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return null;
        } catch (RuntimeException malformed) {
            // Jetty wraps the decoding failure (an IllegalArgumentException) in its own BadMessageException, a type
            // this bundle does not import: any failure to decode is the request's.
            return refusal(malformed);
        }
    }

    private static Refusal refusal(RuntimeException malformed) {
        Throwable cause = malformed;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        // The 400 answer's text: escaped here, where the log's escaping does not reach.
        return Refusal.badRequest("malformed query or form (percent-encoded UTF-8 expected): "
                + LogText.escape(cause.getMessage()));
    }
}
