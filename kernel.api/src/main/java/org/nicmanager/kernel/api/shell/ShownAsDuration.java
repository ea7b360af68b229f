package org.nicmanager.kernel.api.shell;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component holding nanoseconds of the kernel clock (a time or a span) that people should read in the
 * units {@code events} uses ({@code 3.6s}, {@code 250ms}). The shell's text form prints it so, under its name without
 * a {@code Nanos} suffix; JSON keeps the plain number of nanoseconds (COMMANDS.md, "JSON output").
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ShownAsDuration {
}
