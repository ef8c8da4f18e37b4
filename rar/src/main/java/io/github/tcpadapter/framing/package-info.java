/**
 * Wire formats: where a message ends on a TCP byte stream.
 *
 * <p>Each format is a {@link io.github.tcpadapter.framing.Framing}: a pure, thread-safe definition that encodes
 * payloads and creates one incremental {@link io.github.tcpadapter.framing.FrameDecoder} per connection. The
 * outbound connection and the inbound listener share these classes, so a format is defined once. Every format is
 * bounded by a maximum frame length and fails fast with a {@link io.github.tcpadapter.framing.FramingException}
 * instead of buffering without limit.
 */
package io.github.tcpadapter.framing;
