package io.github.tcpadapter.cluster;

import io.github.tcpadapter.cluster.spi.ClusterMember;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What this member knows of the other members' sessions, by member. Thread-safe. */
final class SessionReplica {

    private final Map<String, Map<String, SessionEntry>> byMember = new ConcurrentHashMap<>();

    /** A member's whole list: it replaces what was known of that member. */
    void replace(ClusterMember member, Collection<SessionEntry> sessions) {
        Map<String, SessionEntry> fresh = new ConcurrentHashMap<>();
        sessions.forEach(entry -> fresh.put(entry.id(), entry));
        byMember.put(member.id(), fresh);
    }

    void opened(SessionEntry entry) {
        byMember.computeIfAbsent(entry.member().id(), any -> new ConcurrentHashMap<>()).put(entry.id(), entry);
    }

    void closed(ClusterMember member, String sessionId) {
        Map<String, SessionEntry> sessions = byMember.get(member.id());
        if (sessions != null) {
            sessions.remove(sessionId);
        }
    }

    /** @return how many sessions the member that left took with it */
    int left(ClusterMember member) {
        Map<String, SessionEntry> gone = byMember.remove(member.id());
        return gone == null ? 0 : gone.size();
    }

    Optional<SessionEntry> find(String sessionId) {
        for (Map<String, SessionEntry> sessions : byMember.values()) {
            SessionEntry entry = sessions.get(sessionId);
            if (entry != null) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    boolean contains(SessionEntry entry) {
        Map<String, SessionEntry> sessions = byMember.get(entry.member().id());
        return sessions != null && sessions.containsKey(entry.id());
    }

    List<SessionEntry> onPort(int port) {
        return byMember.values().stream().flatMap(sessions -> sessions.values().stream())
                .filter(entry -> entry.port() == port).toList();
    }
}
