/**
 * Wire formats: where a message ends on a TCP byte stream.
 *
 * <p>Each format is a {@link io.github.tcpadapter.framing.Framing}: a pure, immutable definition that encodes
 * payloads and creates one incremental {@link io.github.tcpadapter.framing.FrameDecoder} per connection. The
 * outbound connection and the inbound listener share these classes, so a format is defined once:
 *
 * <ul>
 *   <li>{@link io.github.tcpadapter.framing.LineFraming} ({@code LINE}) and
 *       {@link io.github.tcpadapter.framing.DelimiterFraming} ({@code CRLF}, {@code DELIMITER});</li>
 *   <li>{@link io.github.tcpadapter.framing.StartEndFraming} ({@code STX_ETX}, {@code MLLP});</li>
 *   <li>{@link io.github.tcpadapter.framing.LengthPrefixFraming} ({@code LENGTH_PREFIXED}, with a
 *       {@link io.github.tcpadapter.framing.LengthHeaderEncoding});</li>
 *   <li>{@link io.github.tcpadapter.framing.FixedLengthFraming} ({@code FIXED});</li>
 *   <li>{@link io.github.tcpadapter.framing.RawFraming} ({@code RAW}).</li>
 * </ul>
 *
 * <p>The rules every format keeps: a decoder yields the same frames whatever the split of the stream into reads;
 * it never holds more than {@code maxFrameLength} plus the format's framing bytes, and a length header announcing
 * more is refused before anything is allocated; bytes that break the format fail with a
 * {@link io.github.tcpadapter.framing.FramingException}, never a half frame, and the decoder stays failed
 * afterwards. An encoder refuses a payload it cannot frame (too long, containing the delimiter, out of the
 * header's range, not the fixed length) with a {@code FramingException} naming the rule.
 * {@link io.github.tcpadapter.framing.ByteSequences} reads the byte-sequence properties ({@code delimiter},
 * {@code startBytes}, {@code endBytes}).
 */
package io.github.tcpadapter.framing;
