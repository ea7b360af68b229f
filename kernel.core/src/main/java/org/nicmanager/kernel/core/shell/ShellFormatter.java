package org.nicmanager.kernel.core.shell;

import java.util.List;

import org.apache.felix.service.command.Converter;
import org.nicmanager.kernel.api.shell.Json;
import org.osgi.service.component.annotations.Component;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Prints what the host's commands return (a Gogo converter): records as readable tables, and {@link Json}-wrapped
 * results as one compact JSON document on one line. Commands in every bundle return plain records and get the same
 * look without sharing any printing code.
 */
@Component(service = Converter.class)
public final class ShellFormatter implements Converter {

    private static final String OUR_PACKAGES = "org.nicmanager.";

    /** Made on the first JSON request: loading Gson costs start-up time that most sessions never need. */
    private Gson gson;

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null; // formatting only; Gogo tries the next converter
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof Json json) {
            return gson().toJson(json.document());
        }
        if (level != Converter.INSPECT) {
            return null;
        }
        if (target instanceof Record record && isOurs(record)) {
            return TextTable.render(record);
        }
        if (target instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record first
                && isOurs(first)) {
            return TextTable.columns(list);
        }
        return null;
    }

    private synchronized Gson gson() {
        if (gson == null) {
            gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        }
        return gson;
    }

    private static boolean isOurs(Object value) {
        return value.getClass().getName().startsWith(OUR_PACKAGES);
    }
}
