package org.nicmanager.operator.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HTTP Basic authentication against the one configured user: the password's SHA-256 is compared with the configured
 * one in constant time. Meant for a long random password (as a token), over a trusted network or behind TLS.
 */
final class BasicCredentials {

    static final String CHALLENGE = "Basic realm=\"NIC Manager\", charset=\"UTF-8\"";
    private static final String SCHEME = "Basic ";

    private BasicCredentials() {
    }

    /** Null when {@code authorization} names the configured user and password, else why not. */
    static String refused(String authorization, AccessSettings settings) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return "no credentials: HTTP Basic authentication is required";
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "malformed Basic credentials (not base64)";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return "malformed Basic credentials (no ':' between user and password)";
        }
        String user = decoded.substring(0, colon);
        byte[] offered = sha256(decoded.substring(colon + 1));
        byte[] expected = HexFormat.of().parseHex(settings.passwordSha256());
        boolean passwordMatches = MessageDigest.isEqual(offered, expected);
        if (!user.equals(settings.user()) || !passwordMatches) {
            // The 401 answer's text: escaped here, where the log's escaping does not reach.
            return "wrong user or password for user '" + LogText.escape(user) + "'";
        }
        return null;
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException("no SHA-256 in this Java", everyJavaHasIt);
        }
    }
}
