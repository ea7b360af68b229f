package org.nicmanager.dos;

import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/** Test doubles of the OSGi services the DoS defence uses, and of its configuration annotations. */
public final class TestDoubles {

    private TestDoubles() {
    }

    /**
     * A configuration annotation with its defaults, except the values given. A value that does not fit its method's
     * type fails when that method is called, as DS's conversion does.
     */
    public static <A> A config(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                Object value = values.get(method.getName());
                if (!MethodType.methodType(method.getReturnType()).wrap().returnType().isInstance(value)) {
                    throw new IllegalArgumentException("cannot convert " + value + " to " + method.getReturnType());
                }
                return value;
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    /** A logger test double that keeps the error messages, their {@code {}} filled in. */
    public static Logger logger(List<String> errors) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("error") && args != null && args[0] instanceof String format) {
                        StringBuilder message = new StringBuilder(format);
                        for (int i = 1; i < args.length && message.indexOf("{}") >= 0; i++) {
                            int at = message.indexOf("{}");
                            message.replace(at, at + 2, String.valueOf(args[i]));
                        }
                        errors.add(message.toString());
                    }
                    return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
    }

    /** An EventAdmin test double that keeps the events posted or sent. */
    public static EventAdmin events(List<Event> events) {
        return (EventAdmin) Proxy.newProxyInstance(EventAdmin.class.getClassLoader(), new Class<?>[] {EventAdmin.class},
                (proxy, method, args) -> {
                    events.add((Event) args[0]);
                    return null;
                });
    }

    /** A ConfigurationAdmin test double: every configuration updated, by PID (or factory PID and name). */
    public static final class ConfigurationAdminDouble {

        public final Map<String, Dictionary<String, Object>> stored = Collections.synchronizedMap(new HashMap<>());

        public ConfigurationAdmin admin() {
            return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getConfiguration" -> configuration((String) args[0]);
                        case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @SuppressWarnings("unchecked")
        private Configuration configuration(String pid) {
            return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                        if (method.getName().equals("update") && args != null && args.length == 1) {
                            stored.put(pid, (Dictionary<String, Object>) args[0]);
                            return null;
                        }
                        if (method.getName().equals("getProperties")) {
                            return stored.get(pid);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
