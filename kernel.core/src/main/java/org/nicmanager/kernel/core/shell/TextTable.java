package org.nicmanager.kernel.core.shell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.shell.ShownAsDuration;
import org.nicmanager.lib.units.TimeSpan;

/**
 * Renders command results for people. A record's scalar fields print as aligned "name  value" lines; a field that is a
 * list of records prints as a table with one column per record field. A component marked {@link ShownAsDuration}
 * prints its nanoseconds in units ({@code 3.6s}) under its name without the {@code Nanos} suffix.
 */
final class TextTable {

    private static final String GAP = "  ";
    /**
     * Each record class's components, looked up once: {@link Class#getRecordComponents} makes new ones, and parses
     * their annotations again, on every call: 2% of the CPU of a script that makes VMs (issue 17).
     */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private TextTable() {
    }

    static String render(Record record) {
        StringBuilder out = new StringBuilder();
        List<String[]> pairs = new ArrayList<>();
        List<RecordComponent> tables = new ArrayList<>();
        for (RecordComponent component : components(record)) {
            Object value = read(component, record);
            if (isListOfRecords(value)) {
                tables.add(component);
            } else {
                pairs.add(new String[] {label(component), cell(component, value)});
            }
        }
        int width = pairs.stream().mapToInt(pair -> pair[0].length()).max().orElse(0);
        for (String[] pair : pairs) {
            out.append(pad(pair[0], width)).append(GAP).append(pair[1]).append('\n');
        }
        for (RecordComponent component : tables) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(component.getName()).append('\n');
            out.append(columns((List<?>) read(component, record)));
        }
        return stripFinalNewline(out);
    }

    /** One row per record, one column per record field; an empty list prints "(none)". */
    static String columns(List<?> rows) {
        if (rows.isEmpty()) {
            return "(none)\n";
        }
        RecordComponent[] fields = components(rows.get(0));
        String[][] cells = new String[rows.size() + 1][fields.length];
        int[] widths = new int[fields.length];
        for (int column = 0; column < fields.length; column++) {
            cells[0][column] = label(fields[column]);
            for (int row = 0; row < rows.size(); row++) {
                cells[row + 1][column] = cell(fields[column], read(fields[column], (Record) rows.get(row)));
            }
            for (String[] line : cells) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            for (int column = 0; column < fields.length; column++) {
                boolean last = column == fields.length - 1;
                out.append(last ? line[column] : pad(line[column], widths[column]) + GAP);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The record's components (shared: not to be changed). */
    private static RecordComponent[] components(Object record) {
        return COMPONENTS.get(record.getClass());
    }

    private static boolean isListOfRecords(Object value) {
        return value instanceof List<?> list && (list.isEmpty() || list.get(0) instanceof Record);
    }

    private static String label(RecordComponent component) {
        String name = component.getName();
        boolean inUnits = component.isAnnotationPresent(ShownAsDuration.class);
        return inUnits && name.endsWith("Nanos") ? name.substring(0, name.length() - "Nanos".length()) : name;
    }

    private static String cell(RecordComponent component, Object value) {
        if (value instanceof Long nanos && component.isAnnotationPresent(ShownAsDuration.class)) {
            return TimeSpan.format(nanos);
        }
        return text(value);
    }

    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Record nested) {
            StringBuilder out = new StringBuilder();
            for (RecordComponent component : components(nested)) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(component.getName()).append('=').append(text(read(component, nested)));
            }
            return out.toString();
        }
        return String.valueOf(value);
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException unreadable) {
            throw new IllegalStateException("cannot read " + component.getName() + " of "
                    + record.getClass().getSimpleName(), unreadable);
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String stripFinalNewline(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        return out.substring(0, end);
    }
}
