package org.nicmanager.operator.dashboard;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /} and {@code /dashboard} lead to the dashboard's page, {@code /dashboard/index.html}; other unknown paths are
 * not found.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/", "/dashboard"})
@HttpWhiteboardServletName("nicmgr-dashboard-redirect")
public final class DashboardRedirect extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PAGE = "/dashboard/index.html";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty() || path.equals("/") || path.equals("/dashboard")) {
            response.sendRedirect(PAGE);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no page " + path + "; the dashboard is at " + PAGE);
        }
    }
}
