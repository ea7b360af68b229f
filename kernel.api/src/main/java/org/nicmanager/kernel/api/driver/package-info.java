/**
 * The contract of a driver whose devices have I/O threads of their own (DESIGN.md section 3a). Network state belongs
 * to a {@link org.nicmanager.kernel.api.time.NetworkWorld}'s single thread; a driver's receive and transmit threads
 * never touch it. They exchange frames with the world through rings, in batches, with no lock and no allocation per
 * frame.
 *
 * <p><b>Threading rules.</b>
 * <ul>
 * <li>Every ring is opened on a named world ({@link org.nicmanager.kernel.api.driver.DriverRings#openReceive},
 * {@link org.nicmanager.kernel.api.driver.DriverRings#openTransmit}) and feeds that world only. A host may run more
 * than one world; a driver opens one ring per NIC and direction on the world that owns the NIC.</li>
 * <li>A {@link org.nicmanager.kernel.api.driver.ReceiveRing} has one producer, the driver's receive thread: it offers
 * frames and then {@link org.nicmanager.kernel.api.driver.ReceiveRing#publish() publishes} the batch, which wakes the
 * world. The world drains the ring in its loop and hands each frame, in ring order, to the ring's
 * {@link org.nicmanager.kernel.api.driver.ReceiveHandler} on the world thread.</li>
 * <li>A {@link org.nicmanager.kernel.api.driver.TransmitRing} has one producer, the world thread (the driver's
 * {@link org.nicmanager.kernel.api.nic.PhysicalNic#transmit}), and one consumer, the driver's transmit thread. The
 * consumer takes frames in ring order and completes each one, sent or aborted, in that same order; the world hands the
 * completions, in order, to the ring's {@link org.nicmanager.kernel.api.driver.TransmitHandler} on the world thread.
 * Completion is a descriptor's return, as on real hardware: a frame holds its slot until its completion has reached
 * the world, so a full ring is back-pressure that the NIC reports as BUSY. The handler's
 * {@link org.nicmanager.kernel.api.driver.TransmitHandler#framesWaiting() doorbell} rings when a frame is offered
 * after the driver found the ring empty.</li>
 * <li>Buffers: a driver thread takes empty buffers from a {@link org.nicmanager.kernel.api.driver.FrameSupply}, which
 * any thread may use, and whoever owns a frame last releases it from its own thread. Memory may be off-heap
 * ({@link org.nicmanager.kernel.api.driver.FrameMemory#DIRECT}), or the driver's own: a slot of a memory-mapped ring
 * wrapped with {@link org.nicmanager.kernel.api.frame.FrameBuffer#over}. A frame thus costs at most one copy between
 * a device and the kernel. The kernel's own frame path reads headers through
 * {@link org.nicmanager.kernel.api.frame.FrameBuffer#data()}, so the frames a driver hands to a
 * {@link org.nicmanager.kernel.api.nic.NicListener} are heap frames; an off-heap frame is copied once into one in
 * the receive handler.</li>
 * <li>A frame in a ring belongs to the ring: its producer must not touch it after a successful offer. The ring's
 * release and acquire publish it safely from one thread to the other.</li>
 * <li>A producer that is itself the world's thread (a simulated card, whose device is modelled on the world thread)
 * is drained at {@code publish}, before {@code publish} returns: there is no other thread to hand off to, and virtual
 * time stays exact and deterministic.</li>
 * <li>Rings are opened and closed on the world thread, and closed only after the driver's threads stopped using
 * them.</li>
 * <li>A host with real devices runs on the real clock; simulated NICs may run beside them there. Under the virtual
 * clock a ring fed from another thread is drained between the world's actions, never in the middle of an
 * advance.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package org.nicmanager.kernel.api.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
