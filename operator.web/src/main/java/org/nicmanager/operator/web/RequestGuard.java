package org.nicmanager.operator.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.whiteboard.Preprocessor;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.google.gson.JsonObject;

/**
 * The door of the dashboard and {@code /metrics}, as a whiteboard preprocessor: it sees every request before any
 * servlet or resource, and lets through only what an admin console should take. In order:
 * <ol>
 * <li>only GET, HEAD and POST (405 otherwise: no TRACE echo, no CORS preflight);</li>
 * <li>a {@code Host} that is a loopback name or a configured one (403 otherwise: DNS rebinding cannot read);</li>
 * <li>listening beyond loopback needs configured credentials (403 for every request until there are), and with
 * credentials every request authenticates (401);</li>
 * <li>a POST must come from the page's own origin and carry its token ({@link CsrfToken}) (403);</li>
 * <li>the query and form must be decodable (400, one line, rather than the container's stack trace).</li>
 * </ol>
 * Every answer carries {@link SecurityHeaders}; every refusal is logged ({@link RefusalLog}) and changes nothing.
 */
@Component(service = Preprocessor.class, configurationPid = AccessSettings.PID)
@Designate(ocd = RequestGuard.Config.class)
public final class RequestGuard implements Preprocessor {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    static final String ALLOWED_METHODS = "GET, HEAD, POST";
    /** The page whose answer hands out the token. */
    static final String PAGE = "/dashboard/index.html";

    @ObjectClassDefinition(name = "NIC Manager dashboard access",
            description = "Who may use the dashboard and /metrics. Without credentials they are served on loopback"
                    + " only.")
    public @interface Config {

        @AttributeDefinition(name = "Host names", required = false,
                description = "Names (or IP addresses) besides localhost, 127.0.0.1 and [::1] by which browsers reach"
                        + " the dashboard, as in the Host header; at most 32.")
        String[] hostNames() default {};

        @AttributeDefinition(name = "User", required = false,
                description = "The user of HTTP Basic authentication; empty for none (loopback only).")
        String user() default "";

        @AttributeDefinition(name = "Password (SHA-256, hex)", required = false,
                description = "64 hex digits: the SHA-256 of the user's password (a long random one).")
        String passwordSha256() default "";
    }

    private final EventAdmin events;
    private final Logger logger;
    private final RefusalLog log;
    private final CsrfToken token = new CsrfToken(new SecureRandom());
    private final Exposure exposure;
    private volatile AccessSettings settings = AccessSettings.NONE;
    /** What the last warning was about, so that the runtime's frequent property updates do not repeat it. */
    private String warned = "";

    @Activate
    public RequestGuard(Map<String, Object> properties, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        this.events = events;
        this.log = new RefusalLog(logger, System::nanoTime);
        this.exposure = new Exposure(this::warnIfOpen);
        modified(properties);
    }

    /** A new configuration; a bad one is refused and the last good settings stay. */
    @Modified
    void modified(Map<String, Object> properties) {
        try {
            settings = AccessSettings.read(properties);
            logger.info("dashboard access: {}; Host names besides loopback: {}", settings.hasCredentials()
                    ? "user " + settings.user() + " (HTTP Basic)" : "no credentials (loopback only)",
                    settings.hostNames().isEmpty() ? "none" : String.join(", ", settings.hostNames()));
            warnIfOpen();
        } catch (ConfigurationRefused refused) {
            logger.error("{} (the dashboard keeps {})", refused.getMessage(), settings.hasCredentials()
                    ? "user " + settings.user() : "no credentials: loopback only");
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
        }
    }

    /** Where the HTTP runtime listens ({@link Exposure}): beyond loopback, credentials are needed. */
    @Reference(service = HttpServiceRuntime.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addRuntime(Map<String, Object> properties) {
        exposure.runtime(properties);
    }

    void updatedRuntime(Map<String, Object> properties) {
        exposure.runtime(properties);
    }

    void removeRuntime(Map<String, Object> properties) {
        exposure.gone(properties);
    }

    /** The clear line of a dashboard that is refused whole, said when it starts so or its settings change. */
    private synchronized void warnIfOpen() {
        List<String> open = exposure.beyondLoopback();
        String situation = settings.hasCredentials() ? "" : String.join(", ", open);
        if (situation.equals(warned)) {
            return;
        }
        warned = situation;
        if (!situation.isEmpty()) {
            logger.error("The dashboard and /metrics listen beyond loopback ({}) without credentials: every request"
                    + " is refused (403). Set user and passwordSha256 in configuration {} (conf/{}.cfg), or listen on"
                    + " localhost (org.apache.felix.http.host).", String.join(", ", open), AccessSettings.PID,
                    AccessSettings.PID);
        }
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up: the settings come from ConfigAdmin
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (!(servletRequest instanceof HttpServletRequest request)
                || !(servletResponse instanceof HttpServletResponse response)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        SecurityHeaders.apply(response);
        Refusal refusal = check(request, settings);
        if (refusal != null) {
            log.refused("refused " + describe(request) + ": " + refusal.status() + " " + refusal.message());
            refusal.headers().forEach(response::setHeader);
            answer(response, refusal.status(), refusal.message());
            return;
        }
        GuardMark.mark(request);
        if (PAGE.equals(request.getRequestURI())) {
            response.addHeader("Set-Cookie", token.cookie(request.isSecure()));
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            // The edge of the host: the failure is logged (the first of a burst with its stack) and answered in one
            // line, instead of the container's page of stack frames and a log entry per request.
            log.failed("failed " + describe(request) + ": " + LogText.cut(String.valueOf(failure)), failure);
            if (!response.isCommitted()) {
                response.reset();
                SecurityHeaders.apply(response);
                answer(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                        "the host failed to answer (" + failure.getClass().getSimpleName() + "); see its log");
            }
        }
    }

    /**
     * Why this request is refused, or null to let it through. The reason is the answer's text: what came with the
     * request is escaped in it ({@link LogText#escape}), where the log's escaping does not reach.
     */
    private Refusal check(HttpServletRequest request, AccessSettings access) {
        String method = request.getMethod();
        if (!METHODS.contains(method)) {
            return new Refusal(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method " + LogText.escape(method)
                    + " not allowed; allowed: " + ALLOWED_METHODS, Map.of("Allow", ALLOWED_METHODS));
        }
        String host = request.getHeader("Host");
        List<String> names = exposure.namesBesides(access.hostNames());
        if (!HostHeader.allowed(host, names)) {
            return Refusal.forbidden("Host '" + LogText.escape(host) + "' is not this dashboard's; allowed: "
                    + String.join(", ", HostHeader.LOOPBACK_NAMES) + (names.isEmpty() ? ""
                            : ", " + String.join(", ", names)) + " (configuration " + AccessSettings.PID
                    + ", hostNames)");
        }
        if (!access.hasCredentials() && (exposure.isOpen() || !Exposure.isLoopback(request.getLocalAddr()))) {
            return Refusal.forbidden("served beyond loopback without credentials; set user and passwordSha256 in"
                    + " configuration " + AccessSettings.PID);
        }
        if (access.hasCredentials()) {
            String why = BasicCredentials.refused(request.getHeader("Authorization"), access);
            if (why != null) {
                return new Refusal(HttpServletResponse.SC_UNAUTHORIZED, why,
                        Map.of("WWW-Authenticate", BasicCredentials.CHALLENGE));
            }
        }
        if (method.equals("POST")) {
            String foreign = Origins.foreign(request.getHeader("Origin"), request.getHeader("Referer"),
                    request.getScheme(), host.trim());
            if (foreign != null) {
                return Refusal.forbidden(foreign);
            }
            String missing = token.missing(request);
            if (missing != null) {
                return Refusal.forbidden(missing);
            }
        }
        return Parameters.undecodable(request);
    }

    /** The request, for the log alone: cut, and escaped by the log itself. */
    private static String describe(HttpServletRequest request) {
        return LogText.cut(request.getMethod()) + " " + LogText.cut(request.getRequestURI()) + " from "
                + request.getRemoteAddr() + " (Host " + LogText.cut(request.getHeader("Host")) + ", Origin "
                + LogText.cut(request.getHeader("Origin")) + ")";
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        JsonObject answer = new JsonObject();
        answer.addProperty("error", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(answer.toString());
    }
}
