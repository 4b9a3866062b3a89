package dev.lookout.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.store.PrivatePostgres;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's database freezes (SIGSTOP: connections stay open, nothing answers): the leader
 * stops leading on its own clock within a lease of the freeze, and after the thaw one node leads.
 */
class PausedPostgresLeadershipTest {
    private PrivatePostgres pg;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void startPostgres() throws Exception {
        pg = PrivatePostgres.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private Leadership node(String name) {
        Store store = Stores.open(pg.storeUrl(), StoreOptions.defaults());
        opened.add(store);
        Leadership leadership = new Leadership(store.leaderLease(), name, UUID.randomUUID().toString()).start();
        opened.add(leadership);
        return leadership;
    }

    @Test
    void a_leader_whose_database_freezes_stops_leading_within_its_lease() throws Exception {
        Leadership a = node("node-a");
        Leadership b = node("node-b");
        assertThat(a.leads()).isTrue();

        pg.pause();
        try {
            // Its last renewal was sent before the freeze, and the database ends the lease LEASE after it: the node's
            // own clock, not how soon a busy machine gets round to asking, says that it stops leading in time.
            assertThat(a.leadingFor()).as("how much longer node-a leads at most, once its database froze")
                    .hasValueSatisfying(left -> assertThat(left).isLessThanOrEqualTo(Leadership.LEASE.minus(Leadership.MARGIN)));
            await().atMost(LeadershipContract.HANDOVER).pollInterval(Duration.ofMillis(50)).until(() -> !a.leads());
            assertThat(b.leads()).isFalse();
        } finally {
            pg.resume();
        }

        await().atMost(LeadershipContract.HANDOVER).until(() -> a.leads() || b.leads());
        assertThat(a.leads() && b.leads()).as("both lead").isFalse();
    }
}
