package org.nicmanager.operator.dashboard;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.nicmanager.operator.shell.HostShell;
import org.nicmanager.operator.web.GuardMark;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/cable?nic=NIC&action=unplug|plug}: pulls or replugs a NIC's cable, exactly as {@code hw:unplug} and
 * {@code hw:plug} do from the shell. A bad NIC name or action is refused with a message naming it, and nothing changes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/cable")
@HttpWhiteboardServletName("nicmgr-dashboard-cable")
public final class CableServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> COMMANDS = Map.of("unplug", "hw:unplug", "plug", "hw:plug");

    private final transient HostShell shell;

    @Activate
    public CableServlet(@Reference HostShell shell) {
        this.shell = shell;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!GuardMark.passed(request, response)) {
            return;
        }
        String action = request.getParameter("action");
        String command = action == null ? null : COMMANDS.get(action);
        if (command == null) {
            Answers.error(response, HttpServletResponse.SC_BAD_REQUEST, "bad action '" + action
                    + "'; allowed: unplug, plug");
            return;
        }
        try {
            String nic = HostShell.checkedName("NIC", request.getParameter("nic"));
            String result = shell.run(command + " " + nic).orElseThrow(
                    () -> new IllegalArgumentException(command + " is not installed: no simulated hardware"));
            Answers.send(response, HttpServletResponse.SC_OK, "message", result.isBlank() ? action + " " + nic : result);
        } catch (IllegalArgumentException refused) {
            Answers.error(response, HttpServletResponse.SC_BAD_REQUEST, refused.getMessage());
        }
    }
}
