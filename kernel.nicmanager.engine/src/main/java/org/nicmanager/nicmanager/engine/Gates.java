package org.nicmanager.nicmanager.engine;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.nicmanager.bond.Bond;

/** Opens the {@link Gate} in front of each uplink and closes it when the uplink goes. */
public interface Gates {

    /** No gate: frames go straight to the bond, which sends, queues or drops them itself (the loadable variant). */
    Gates DIRECT = new Gates() {
        @Override
        public Gate open(Bond bond) {
            return new Gate() {
                @Override
                public void offer(FrameBuffer frame) {
                    bond.transmit(frame);
                }

                @Override
                public void connect(int port, String vm) {
                }

                @Override
                public void disconnect(int port) {
                }

                @Override
                public void uplinkReady() {
                }

                @Override
                public void capacityChanged() {
                }

                @Override
                public void transmitted(int port) {
                }

                @Override
                public void droppedDownstream(int port, DropReason reason) {
                    // no per-VM figures here; the virtual NIC counts the drop (Uplink tells it)
                }
            };
        }

        @Override
        public void close(Bond bond) {
        }
    };

    Gate open(Bond bond);

    void close(Bond bond);
}
