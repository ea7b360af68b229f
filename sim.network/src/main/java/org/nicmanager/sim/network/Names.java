package org.nicmanager.sim.network;

import java.util.regex.Pattern;

/**
 * What a name of a switch, card or host may look like. Names appear in attachments ({@code swA/3}), event subjects,
 * configuration PIDs and shell lines, so they keep to letters, digits, '.', '_' and '-'.
 */
public final class Names {

    public static final int MAX_LENGTH = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final String FORM_TEXT = "a letter, then letters, digits, '.', '_' or '-', at most " + MAX_LENGTH
            + " characters (e.g. swA, eth0)";

    private Names() {
    }

    /**
     * Returns {@code name} when it is well formed.
     *
     * @param what what is named, for the message ("switch")
     * @throws IllegalArgumentException naming the text and the allowed form
     */
    public static String check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " needs a name, not '': " + FORM_TEXT);
        }
        if (name.length() > MAX_LENGTH || !FORM.matcher(name).matches()) {
            throw new IllegalArgumentException("bad " + what + " name '" + name + "': " + FORM_TEXT);
        }
        return name;
    }
}
