package org.nicmanager.dos.engine;

/**
 * A response as {@code dos:status} shows it; times in kernel nanoseconds.
 *
 * @param response the {@link org.nicmanager.kernel.api.dos.DosResponse} name
 * @param details what was done (or why it failed)
 * @param undoneAt null while in force
 * @param undoDetails what undoing it did, or null
 */
public record ResponseView(String response, String details, long appliedAt, Long undoneAt, String undoDetails) {
}
