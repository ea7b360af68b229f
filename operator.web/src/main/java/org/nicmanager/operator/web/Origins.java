package org.nicmanager.operator.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a state-changing request comes from the dashboard's own page: its {@code Origin} (or, when a browser sends
 * none, its {@code Referer}) must be the very scheme, host and port the request was sent to. A request with neither
 * header is not from a browser's cross-site form or script, and is left to the token check.
 */
final class Origins {

    private Origins() {
    }

    /** Null when the request's origin is its own, else why not. */
    static String foreign(String origin, String referer, String scheme, String host) {
        String claimed = origin != null ? origin : referer;
        if (claimed == null) {
            return null;
        }
        String which = origin != null ? "Origin" : "Referer";
        String own = (scheme + "://" + host).toLowerCase(Locale.ROOT);
        String theirs = originOf(claimed);
        if (theirs == null || !theirs.equals(own)) {
            // The 403 answer's text: escaped here, where the log's escaping does not reach.
            return "foreign " + which + " '" + LogText.escape(claimed) + "': only " + own + " may change state";
        }
        return null;
    }

    /** {@code scheme://host[:port]} of a URL, lower case, or null when it is not one (e.g. {@code null}). */
    private static String originOf(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return null;
            }
            return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (URISyntaxException notAUrl) {
            return null;
        }
    }
}
