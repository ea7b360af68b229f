package org.nicmanager.kernel.api.shell;

/**
 * Wraps a command's result to ask the shell for one compact JSON document on a single line (COMMANDS.md, "JSON
 * output"). Records become objects, lists become arrays, enums their names.
 */
public record Json(Object document) {
}
