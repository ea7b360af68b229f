package org.nicmanager.operator.testing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/** Stand-ins for the services a component takes: a logger and an event admin that record what they are given. */
public final class Fakes {

    private Fakes() {
    }

    /** An interface implemented by one function of (method name, arguments); unknown methods answer null. */
    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "fake " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> answer.apply(method.getName(), args == null ? new Object[0] : args);
                });
    }

    /** A logger keeping each line as {@code LEVEL message} with its {@code {}} filled in. */
    public static Logger logger(List<String> lines) {
        return of(Logger.class, (name, given) -> {
            // error(String, Object...) comes with its arguments as one array
            Object[] args = given.length == 2 && given[1] instanceof Object[] rest ? flat(given[0], rest) : given;
            if (args.length > 0 && args[0] instanceof String format) {
                StringBuilder line = new StringBuilder(name.toUpperCase()).append(' ');
                int next = 1;
                int from = 0;
                for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", from)) {
                    line.append(format, from, at).append(next < args.length ? args[next++] : "{}");
                    from = at + 2;
                }
                lines.add(line.append(format.substring(from)).toString());
            }
            return name.startsWith("is") ? Boolean.TRUE : null;
        });
    }

    private static Object[] flat(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    public static EventAdmin events(List<Event> posted) {
        return of(EventAdmin.class, (name, args) -> {
            posted.add((Event) args[0]);
            return null;
        });
    }

    public static List<String> lines() {
        return new ArrayList<>();
    }
}
