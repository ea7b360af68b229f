package org.nicmanager.operator.dashboard;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The dashboard's static files (page, script, style, and Chart.js vendored from npm), served from this bundle's
 * {@code /dashboard} folder by the HTTP Whiteboard at {@code /dashboard/}.
 */
@Component(service = DashboardResources.class)
@HttpWhiteboardResource(pattern = "/dashboard/*", prefix = "/dashboard")
public final class DashboardResources {
}
