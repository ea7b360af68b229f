package org.nicmanager.operator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.FilterChain;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.nicmanager.operator.testing.Fakes;

/**
 * The guard in front of every servlet, with requests as a browser (or an attacker's page) sends them: what is refused
 * never reaches the servlet, and is answered and logged in one line.
 */
class RequestGuardTest {

    private final List<String> log = new ArrayList<>();
    private final RequestGuard guard = new RequestGuard(Map.of(), Fakes.events(new ArrayList<>()),
            Fakes.logger(log));
    private int servletCalls;
    private final FilterChain servlet = (request, response) -> servletCalls++;

    /** A request as the container gives it. */
    private static final class Request {
        String method = "GET";
        String uri = "/api/state";
        String localAddr = "127.0.0.1";
        final Map<String, String> headers = new HashMap<>(Map.of("Host", "localhost:8080"));
        final List<Cookie> cookies = new ArrayList<>();
        final Map<String, Object> attributes = new HashMap<>();
        RuntimeException parameters;

        HttpServletRequest fake() {
            return Fakes.of(HttpServletRequest.class, (name, args) -> switch (name) {
                case "getMethod" -> method;
                case "getRequestURI" -> uri;
                case "getHeader" -> headers.get((String) args[0]);
                case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
                case "getLocalAddr" -> localAddr;
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "getRemoteAddr" -> "127.0.0.1";
                case "getScheme" -> "http";
                case "isSecure" -> false;
                case "getParameterMap" -> {
                    if (parameters != null) {
                        throw parameters;
                    }
                    yield Map.of();
                }
                default -> null;
            });
        }
    }

    /** What the guard answered. */
    private static final class Response {
        int status = 200;
        boolean reachedTheServlet;
        final Map<String, List<String>> headers = new HashMap<>();
        final StringWriter body = new StringWriter();

        HttpServletResponse fake() {
            return Fakes.of(HttpServletResponse.class, (name, args) -> {
                switch (name) {
                    case "setStatus" -> status = (Integer) args[0];
                    case "setHeader" -> headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                    case "addHeader" -> headers.computeIfAbsent((String) args[0], k -> new ArrayList<>())
                            .add((String) args[1]);
                    case "getWriter" -> {
                        return new PrintWriter(body, true);
                    }
                    case "isCommitted" -> {
                        return false;
                    }
                    default -> {
                        // content type, encoding: not looked at here
                    }
                }
                return null;
            });
        }

        String header(String name) {
            return Optional.ofNullable(headers.get(name)).map(values -> values.get(0)).orElse(null);
        }
    }

    private Response send(Request request) throws Exception {
        Response response = new Response();
        int before = servletCalls;
        guard.doFilter(request.fake(), response.fake(), servlet);
        response.reachedTheServlet = servletCalls > before;
        return response;
    }

    /** The token, as the page's answer hands it out. */
    private String pageToken() throws Exception {
        Request page = new Request();
        page.uri = RequestGuard.PAGE;
        String cookie = send(page).header("Set-Cookie");
        assertTrue(cookie.endsWith("; Path=/; SameSite=Strict"), cookie);
        return cookie.substring(CsrfToken.COOKIE.length() + 1, cookie.indexOf(';'));
    }

    private Request unplugFromThePage(String token) {
        Request post = new Request();
        post.method = "POST";
        post.uri = "/api/cable";
        post.headers.put("Origin", "http://localhost:8080");
        post.headers.put(CsrfToken.HEADER, token);
        post.cookies.add(new Cookie(CsrfToken.COOKIE, token));
        return post;
    }

    @Test
    void thePagesOwnPostGoesThroughWithEverySecurityHeader() throws Exception {
        Response answer = send(unplugFromThePage(pageToken()));
        assertEquals(2, servletCalls, "the page, then the POST");
        assertEquals("DENY", answer.header("X-Frame-Options"));
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
        assertTrue(answer.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertTrue(problems().isEmpty(), String.valueOf(log));
    }

    @Test
    void servletsServeOnlyWhatTheGuardLetThrough() throws Exception {
        Request passed = new Request();
        send(passed);
        assertTrue(GuardMark.passed(passed.fake(), new Response().fake()));

        Request aroundTheGuard = new Request();
        Response answer = new Response();
        assertFalse(GuardMark.passed(aroundTheGuard.fake(), answer.fake()));
        assertEquals(503, answer.status);
    }

    @Test
    void aCrossOriginPostIsRefused() throws Exception {
        Request post = unplugFromThePage(pageToken());
        post.headers.put("Origin", "http://evil.example");
        assertRefused(send(post), 403, "foreign Origin 'http://evil.example'");
    }

    @Test
    void aPostWithoutTheTokenIsRefused() throws Exception {
        String token = pageToken();
        Request noHeader = unplugFromThePage(token);
        noHeader.headers.remove(CsrfToken.HEADER);
        assertRefused(send(noHeader), 403, "no X-Nicmgr-Csrf header");
        Request noCookie = unplugFromThePage(token);
        noCookie.cookies.clear();
        assertRefused(send(noCookie), 403, "no nicmgr-csrf cookie");
        Request guessed = unplugFromThePage("guessed");
        assertRefused(send(guessed), 403, "wrong X-Nicmgr-Csrf token");
    }

    @Test
    void aRebindingHostIsRefusedEvenForReading() throws Exception {
        Request read = new Request();
        read.headers.put("Host", "evil.example:8080");
        assertRefused(send(read), 403, "Host 'evil.example:8080' is not this dashboard's");
        Request none = new Request();
        none.headers.remove("Host");
        assertRefused(send(none), 403, "Host '(none)'");
    }

    @Test
    void traceAndOtherMethodsAreNotAllowed() throws Exception {
        for (String method : List.of("TRACE", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT")) {
            Request request = new Request();
            request.method = method;
            Response answer = send(request);
            assertRefused(answer, 405, "method " + method + " not allowed; allowed: GET, HEAD, POST");
            assertEquals("GET, HEAD, POST", answer.header("Allow"));
        }
    }

    @Test
    void undecodableParametersAreTheClientsMistake() throws Exception {
        Request request = new Request();
        request.parameters = new IllegalStateException("Unable to parse URI query",
                new IllegalArgumentException("Not valid encoding '%ZZ'"));
        assertRefused(send(request), 400, "malformed query or form (percent-encoded UTF-8 expected): Not valid"
                + " encoding '%ZZ'");
    }

    @Test
    void withoutCredentialsNothingIsServedBeyondLoopback() throws Exception {
        Request fromTheNetwork = new Request();
        fromTheNetwork.localAddr = "192.0.2.2";
        fromTheNetwork.headers.put("Host", "192.0.2.2:8080");
        guard.addRuntime(Map.of("service.id", 1L, Exposure.ENDPOINT, "http://192.0.2.2:8080/"));
        assertRefused(send(fromTheNetwork), 403, "served beyond loopback without credentials");
        assertTrue(problems().get(0).startsWith("ERROR The dashboard and /metrics listen beyond loopback"
                + " (http://192.0.2.2:8080/) without credentials"), problems().get(0));
        assertRefused(send(new Request()), 403, "served beyond loopback without credentials");
    }

    @Test
    void withCredentialsEveryRequestAuthenticates() throws Exception {
        guard.modified(Map.of("user", "admin", "passwordSha256",
                "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0"));
        Response answer = send(new Request());
        assertRefused(answer, 401, "no credentials");
        assertEquals(BasicCredentials.CHALLENGE, answer.header("WWW-Authenticate"));
        Request authenticated = new Request();
        authenticated.headers.put("Authorization", "Basic YWRtaW46czNjcmV0");
        send(authenticated);
        assertEquals(1, servletCalls);
    }

    @Test
    void aBadAccessConfigurationKeepsTheLastGoodOne() throws Exception {
        guard.modified(Map.of("hostNames", "nicmgr.lab.example"));
        guard.modified(Map.of("hostNames", "evil_name"));
        Request request = new Request();
        request.headers.put("Host", "nicmgr.lab.example");
        send(request);
        assertEquals(1, servletCalls, "the last good names still hold");
        assertTrue(problems().get(0).contains("refused: hostNames = \"evil_name\" is not allowed"), String.valueOf(log));
    }

    @Test
    void aFailingServletIsAnsweredInOneLine() throws Exception {
        Response response = new Response();
        guard.doFilter(new Request().fake(), response.fake(), (request, answer) -> {
            throw new IllegalStateException("broken\nsecond line");
        });
        assertEquals(500, response.status);
        assertEquals("{\"error\":\"the host failed to answer (IllegalStateException); see its log\"}",
                response.body.toString());
        assertEquals(1, problems().size(), String.valueOf(log));
        // The log's layout (%safeMsg) escapes the message's newline; here, with no layout, it is as thrown.
        assertTrue(problems().get(0).contains("failed GET"), problems().get(0));
    }

    @Test
    void aLoggedRequestIsCutToLength() throws Exception {
        Request request = new Request();
        request.uri = "/api/" + "x".repeat(8_000);
        guard.doFilter(request.fake(), new Response().fake(), (in, answer) -> {
            throw new IllegalStateException("broken");
        });
        assertTrue(problems().get(0).length() < 1_000, problems().get(0));
    }

    /** The warnings and errors logged (the guard says its settings at INFO). */
    private List<String> problems() {
        return log.stream().filter(line -> !line.startsWith("INFO")).toList();
    }

    private void assertRefused(Response answer, int status, String reason) {
        assertEquals(status, answer.status, answer.body.toString());
        assertTrue(answer.body.toString().startsWith("{\"error\":\"" + reason), answer.body.toString());
        assertFalse(answer.body.toString().contains("\n"));
        assertEquals("DENY", answer.header("X-Frame-Options"), "refusals carry the headers too");
        assertFalse(answer.reachedTheServlet, "a refusal never reaches the servlet");
        assertTrue(problems().get(problems().size() - 1).contains(String.valueOf(status)), String.valueOf(log));
    }
}
