package io.github.tcpadapter.api;

import java.time.Instant;

/**
 * What one session has carried so far, as {@link TcpSession#traffic()} reads it: counted as frames are received and
 * written, without a lock, so the four counts may be a frame apart from each other while traffic flows.
 *
 * @param framesIn frames received from the client
 * @param bytesIn their payload bytes, without framing bytes
 * @param framesOut frames written to the client: replies and pushes
 * @param bytesOut their payload bytes, without framing bytes
 * @param lastActivity when the last frame was received or written; when the connection was accepted if none was
 */
public record TcpSessionTraffic(long framesIn, long bytesIn, long framesOut, long bytesOut, Instant lastActivity) {
}
