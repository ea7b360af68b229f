/**
 * The host's name directory: which names and MACs exist, what kind of thing each names (a VM, a virtual NIC, an
 * external host, a physical NIC, a switch...) and which part of the host owns it. Every command that names a
 * destination or a target resolves through the one {@link org.nicmanager.kernel.api.names.NameDirectory}, so that a
 * name one bundle gave (a VM, a host) is understood by the commands of every other bundle.
 *
 * <p>The directory is a whiteboard: each bundle that owns names registers a
 * {@link org.nicmanager.kernel.api.names.NameSource}, and the kernel's directory reads them all. A new kind of thing (a
 * real guest, a remote host) joins by registering one more source; the directory needs no change.
 */
@Export
@Version("1.0.0")
package org.nicmanager.kernel.api.names;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
