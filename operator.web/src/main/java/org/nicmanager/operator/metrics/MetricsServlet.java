package org.nicmanager.operator.metrics;

import java.io.IOException;
import java.io.OutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.nicmanager.operator.web.GuardMark;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /metrics}: the Prometheus text exposition of every {@link MultiCollector} service (whiteboard), written by
 * the Prometheus client library. Collectors read the host only when a scrape comes; between scrapes nothing runs.
 *
 * <p>The hook for other features: a bundle that registers a {@code MultiCollector} service (the resource manager, the
 * DoS defence, LACP) has its metrics here, with no change to this bundle.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
@HttpWhiteboardServletName("nicmgr-metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCollector(MultiCollector collector) {
        registry.register(collector);
    }

    void removeCollector(MultiCollector collector) {
        registry.unregister(collector);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!GuardMark.passed(request, response)) {
            return;
        }
        response.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        }
    }
}
