/**
 * Denial-of-Service defence on incoming traffic (patent [0125]-[0133], claims [0044]-[0046]).
 *
 * <p>The VMM's device emulators call every {@link org.nicmanager.kernel.api.dos.ReceiveInspector} (a whiteboard
 * service) once per virtual NIC and uplink, and the {@link org.nicmanager.kernel.api.dos.ReceiveTap} it returns for
 * every frame they receive, before the receive interrupt: the tap counts and may ask for the interrupt to be held back
 * for an assessment window ([0130]). The DoS defence runs {@link org.nicmanager.kernel.api.dos.DosDetector}s (also a
 * whiteboard: several at once) over each VM and each uplink, evaluates them off the frame path on a kernel timer, and
 * posts {@link org.nicmanager.kernel.api.dos.DosTopics} events.
 */
@Export
@Version("1.1.0")
package org.nicmanager.kernel.api.dos;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
