package org.nicmanager.operator.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.nicmanager.lib.units.TimeSpan;
import org.nicmanager.operator.readings.HostReadings;
import org.nicmanager.operator.readings.Reading;
import org.nicmanager.operator.readings.ThroughputMeter;
import org.nicmanager.operator.timeline.EventTimeline;
import org.nicmanager.operator.web.GuardMark;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * {@code GET /api/state[?after=SEQUENCE]}: what the dashboard shows, in one document: the topology
 * ({@code hw:topology}), NICs, bonds, VMs and virtual NICs (their {@code --json} listings), {@code net:stats} when
 * installed, throughput over the last {@value #RATE_WINDOW_SECONDS} s, and the events after {@code SEQUENCE}. Read only
 * when the page asks.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/state")
@HttpWhiteboardServletName("nicmgr-dashboard-state")
public final class StateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final long RATE_WINDOW_SECONDS = 3;
    /** Most events sent in one answer: the newest. */
    static final int MAX_EVENTS = 200;

    private final transient HostReadings readings;
    private final transient EventTimeline timeline;
    private final transient ThroughputMeter meter = new ThroughputMeter(RATE_WINDOW_SECONDS
            * TimeSpan.NANOS_PER_SECOND);
    private final transient Gson gson = new GsonBuilder().serializeNulls().create();

    @Activate
    public StateServlet(@Reference HostReadings readings, @Reference EventTimeline timeline) {
        this.readings = readings;
        this.timeline = timeline;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!GuardMark.passed(request, response)) {
            return;
        }
        long after;
        try {
            after = Long.parseLong(request.getParameter("after") == null ? "0" : request.getParameter("after"));
        } catch (NumberFormatException notANumber) {
            Answers.error(response, HttpServletResponse.SC_BAD_REQUEST, "bad after '" + request.getParameter("after")
                    + "': the sequence number of the last event seen, a whole number");
            return;
        }
        Reading reading = readings.read();
        JsonObject state = new JsonObject();
        state.addProperty("time", reading.time());
        state.addProperty("clock", reading.clock());
        state.add("topology", reading.topology());
        state.add("nics", reading.nics());
        state.add("bonds", reading.bonds());
        state.add("vms", reading.vms());
        state.add("vnics", reading.vnics());
        state.add("netStats", reading.netStats());
        state.add("rates", gson.toJsonTree(meter.update(reading)));
        state.add("events", gson.toJsonTree(timeline.ring().after(after, MAX_EVENTS)));
        state.add("problems", gson.toJsonTree(reading.problems()));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(gson.toJson(state));
    }
}
