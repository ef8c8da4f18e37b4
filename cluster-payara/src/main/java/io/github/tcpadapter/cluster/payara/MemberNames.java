package io.github.tcpadapter.cluster.payara;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.github.tcpadapter.cluster.spi.ClusterMember;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payara's names for the members of its data grid. Payara keeps them not as Hazelcast member attributes but in the
 * map {@value #MAP} (member UUID to {@code {GLASSFISH-INSTANCE: instance name}}), which each instance fills right
 * after it joined the grid and before it binds the grid in JNDI ({@code HazelcastCore.bootstrapHazelcast}). So the
 * members already there when the channel opens are named at once; one that joins later is named a moment after the
 * survivors hear of it, and {@link #whenNamed} holds its announcement until then. A member Payara never names is
 * known by its address. Only names of members present or joining are kept here: Payara's map keeps the entries of
 * members long gone.
 */
final class MemberNames implements EntryAddedListener<UUID, Map<String, String>>,
        EntryUpdatedListener<UUID, Map<String, String>> {

    /** {@code HazelcastCore.INSTANCE_ATTRIBUTE_MAP} in Payara. */
    static final String MAP = "payara-instance-map";
    /** {@code HazelcastCore.INSTANCE_ATTRIBUTE} in Payara: the key of the instance's name in its entry. */
    static final String NAME = "GLASSFISH-INSTANCE";

    /** Bounds the reading of the present members' names when the channel opens. */
    private static final Duration LOAD_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(MemberNames.class.getName());

    private final IMap<UUID, Map<String, String>> map;
    private final Duration nameWait;
    private final Map<UUID, String> known = new ConcurrentHashMap<>();
    private final Map<UUID, Runnable> awaited = new ConcurrentHashMap<>();
    private final UUID registration;

    /**
     * Listens to Payara's map, then reads the names of the members present, waiting at most {@link #LOAD_WAIT}.
     *
     * @param present the members of the data grid now
     * @param map Payara's map of names
     * @param nameWait how long a member that joined may stay unnamed before it is announced by its address
     */
    MemberNames(Set<Member> present, IMap<UUID, Map<String, String>> map, Duration nameWait) {
        this.map = map;
        this.nameWait = nameWait;
        this.registration = map.addEntryListener(this, true);
        load(present);
    }

    /** @return the member as the adapter knows it: its UUID, and its name or else its address */
    ClusterMember of(Member member) {
        UUID id = member.getUuid();
        String name = known.get(id);
        return new ClusterMember(id.toString(), name != null ? name : address(member.getAddress()));
    }

    /**
     * Hands a member that joined to the action once Payara has named it, or after the name wait by its address. The
     * action runs on the thread that brought the name: one of Hazelcast's (event or response), or the JDK's delay
     * scheduler.
     */
    void whenNamed(Member member, Consumer<ClusterMember> action) {
        UUID id = member.getUuid();
        Runnable announce = () -> action.accept(of(member));
        awaited.put(id, announce);
        if (known.containsKey(id)) {
            announce(id);
            return;
        }
        // one that comes back under the identity it had (after a split) was named long ago: no event brings it
        map.getAsync(id).thenAccept(entry -> learn(id, entry));
        CompletableFuture.delayedExecutor(nameWait.toMillis(), TimeUnit.MILLISECONDS, Runnable::run).execute(() -> {
            if (awaited.remove(id, announce)) {
                announce.run();
            }
        });
    }

    /** @return the member as it was known, which is then forgotten: a UUID never comes back */
    ClusterMember forget(Member member) {
        ClusterMember named = of(member);
        known.remove(member.getUuid());
        awaited.remove(member.getUuid());
        return named;
    }

    /** Stops listening to Payara's map; announcements still awaited are dropped. */
    void close() {
        map.removeEntryListener(registration);
        awaited.clear();
    }

    @Override
    public void entryAdded(EntryEvent<UUID, Map<String, String>> event) {
        learn(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<UUID, Map<String, String>> event) {
        learn(event.getKey(), event.getValue());
    }

    private void load(Set<Member> members) {
        CompletableFuture<?>[] reads = members.stream()
                .map(member -> map.getAsync(member.getUuid())
                        .thenAccept(entry -> learn(member.getUuid(), entry))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(reads).get(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.INFO, "Not all names of the data grid''s {0} members were read within {1} s: the others are"
                    + " known by their address until they come", new Object[] {members.size(), LOAD_WAIT.toSeconds()});
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Could not read the data grid members'' names from " + MAP
                    + ": they are known by their address", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void learn(UUID id, Map<String, String> entry) {
        String name = entry == null ? null : entry.get(NAME);
        if (name == null || name.isBlank()) {
            return;
        }
        known.put(id, name);
        announce(id);
    }

    private void announce(UUID id) {
        Runnable announce = awaited.remove(id);
        if (announce != null) {
            announce.run();
        }
    }

    private static String address(Address address) {
        return address.getHost() + ":" + address.getPort();
    }
}
