/**
 * Frame captures: an administrator's bounded copy of the frames of one session
 * ({@link io.github.tcpadapter.api.TcpFrameCapture}), which costs nothing while no capture is open.
 */
package io.github.tcpadapter.inbound.capture;
