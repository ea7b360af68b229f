package org.nicmanager.operator.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

/**
 * The token that only the dashboard's own page gets (double submit): the page's answer sets it as a
 * {@code SameSite=Strict} cookie, the page's script reads it and sends it back in the {@value #HEADER} header. A
 * state-changing request must carry both, equal to this host's token. Another site's page can make the browser send
 * the cookie (or, being strict, not even that), but cannot read it to put it in the header.
 */
final class CsrfToken {

    static final String COOKIE = "nicmgr-csrf";
    static final String HEADER = "X-Nicmgr-Csrf";
    private static final int BYTES = 32;

    private final String token;

    CsrfToken(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The {@code Set-Cookie} value for the page; readable by its script, so not HttpOnly. */
    String cookie(boolean secure) {
        return COOKIE + "=" + token + "; Path=/; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** Null when the request carries this token in both cookie and header, else what is missing. */
    String missing(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header == null) {
            return "no " + HEADER + " header: state changes come only from the dashboard's page (reload it)";
        }
        if (!matches(header)) {
            return "wrong " + HEADER + " token: the host was restarted since the page was loaded? reload it";
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && matches(cookie.getValue())) {
                    return null;
                }
            }
        }
        return "no " + COOKIE + " cookie matching the " + HEADER + " header (reload the dashboard's page)";
    }

    private boolean matches(String offered) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                offered.getBytes(StandardCharsets.UTF_8));
    }
}
