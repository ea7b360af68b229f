package org.nicmanager.kernel.api.vm;

/** A VM's network priority, 0 (lowest) to 10 (highest), as in the patent ([0116]). */
public record Priority(int level) {

    public static final int LOWEST = 0;
    public static final int HIGHEST = 10;
    public static final int DEFAULT = 5;

    public Priority {
        if (level < LOWEST || level > HIGHEST) {
            throw new IllegalArgumentException(
                    "priority " + level + " is outside " + LOWEST + ".." + HIGHEST);
        }
    }
}
