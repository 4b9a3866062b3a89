package dev.lookout.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leader lease on a real database (issue 13): one leader among live nodes, handed over when
 * it stops, taken from a node that died once its lease ran out, and given up by a node that
 * cannot renew before the database lets anyone else take it. The same contract holds on SQLite
 * and PostgreSQL.
 */
abstract class LeadershipContract {
    /** Generous: a lease, a renewal and the slowness of a busy test machine. */
    static final Duration HANDOVER = Leadership.LEASE.plus(Leadership.RENEW_EVERY.multipliedBy(3));

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A new, empty Lookout database. */
    abstract String newDatabaseUrl() throws Exception;

    /** A plain JDBC connection to the database at {@code url}, outside Lookout. */
    abstract Connection connect(String url) throws Exception;

    /**
     * Begins a transaction on {@code connection} that keeps every other writer out of
     * {@code cluster_leader} until it ends, and that can still read the table.
     */
    abstract void lockLeaseTable(Connection connection) throws Exception;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private Store store(String url) {
        Store store = Stores.open(url, StoreOptions.defaults());
        opened.add(store);
        return store;
    }

    private Leadership start(Store store, String name) {
        Leadership leadership = new Leadership(store.leaderLease(), name, UUID.randomUUID().toString()).start();
        opened.add(leadership);
        return leadership;
    }

    @Test
    void a_single_node_leads_from_its_start() throws Exception {
        Leadership only = start(store(newDatabaseUrl()), "node-a");

        assertThat(only.leads()).isTrue();
        assertThat(only.leader()).contains("node-a");
    }

    @Test
    void one_of_two_nodes_leads_and_both_know_which() throws Exception {
        String url = newDatabaseUrl();
        Leadership a = start(store(url), "node-a");
        Leadership b = start(store(url), "node-b");

        await().atMost(HANDOVER).untilAsserted(() -> assertThat(b.leader()).contains("node-a"));
        assertThat(a.leads()).isTrue();
        assertThat(b.leads()).isFalse();
        assertThat(a.leader()).contains("node-a");
    }

    @Test
    void the_leader_stopping_hands_over_within_a_lease() throws Exception {
        String url = newDatabaseUrl();
        Leadership a = start(store(url), "node-a");
        Leadership b = start(store(url), "node-b");
        assertThat(a.leads()).isTrue();

        a.close();

        await().atMost(HANDOVER).until(b::leads);
        assertThat(b.leader()).contains("node-b");
    }

    /** A holder that stopped renewing without giving up (killed): the lease is waited out, then taken. */
    @Test
    void a_dead_leaders_lease_is_taken_once_it_ran_out() throws Exception {
        String url = newDatabaseUrl();
        Store store = store(url);
        assertThat(store.leaderLease().hold("node-x", "a-dead-instance", Leadership.LEASE)).isTrue();

        Leadership b = start(store, "node-b");
        assertThat(b.leads()).as("the dead node's lease still runs").isFalse();
        assertThat(b.leader()).contains("node-x");

        await().atMost(HANDOVER).until(b::leads);
    }

    /** A node restarted after a crash finds its own name on the lease: Membership admitted it, so its old instance is dead. */
    @Test
    void a_node_restarted_after_a_crash_takes_its_own_lease_back_at_once() throws Exception {
        String url = newDatabaseUrl();
        Store store = store(url);
        assertThat(store.leaderLease().hold("node-a", "the-crashed-instance", Leadership.LEASE)).isTrue();
        Membership membership = new Membership(store.members(), "node-a", "1.0", () -> "aaaa", () -> 0).start();
        opened.add(membership);

        Leadership restarted = new Leadership(store.leaderLease(), "node-a", membership.instanceId()).start();
        opened.add(restarted);

        assertThat(restarted.leads()).isTrue();
    }

    @Test
    void a_leader_that_cannot_renew_stops_leading_before_its_lease_ends() throws Exception {
        String url = newDatabaseUrl();
        Leadership a = start(store(url), "node-a");
        assertThat(a.leads()).isTrue();

        try (Connection blocker = connect(url)) {
            lockLeaseTable(blocker);
            await().atMost(HANDOVER).until(() -> !a.leads());
            try (Statement sql = blocker.createStatement();
                 ResultSet row = sql.executeQuery("SELECT expires_at, instance_id FROM cluster_leader")) {
                assertThat(row.next()).isTrue();
                long expiresAt = row.getLong(1);
                long now = System.currentTimeMillis(); // the database runs on this machine's clock
                assertThat(expiresAt - now).as("ms its lease still runs on the database when it stopped leading")
                        .isPositive();
            }
            blocker.rollback();
        }

        await().atMost(HANDOVER).until(a::leads); // the one node leads again once storage is back
    }
}
