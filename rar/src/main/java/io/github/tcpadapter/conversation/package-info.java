/**
 * Heartbeats: the frame a link sends after a quiet spell so that firewalls and NAT tables keep it, and, when a reply
 * is awaited, the proof that the peer still answers. Client-mode listeners and multiplexed factories use them; both
 * configure them with the same three properties ({@link io.github.tcpadapter.conversation.Heartbeat#of}).
 */
package io.github.tcpadapter.conversation;
