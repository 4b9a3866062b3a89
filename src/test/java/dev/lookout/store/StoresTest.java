package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.lookout.storage.StoreException;
import org.junit.jupiter.api.Test;

class StoresTest {

    @Test
    void turns_a_postgres_url_into_jdbc_with_the_credentials_apart() {
        PostgresDialect dialect = PostgresDialect.forUrl("postgres://lookout:p%40ss:w@db.example:6543/lookout?sslmode=require");

        HikariConfig pool = dialect.poolConfig();

        assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/lookout?sslmode=require");
        assertThat(pool.getUsername()).isEqualTo("lookout");
        assertThat(pool.getPassword()).isEqualTo("p@ss:w");
        assertThat(dialect.describe()).doesNotContain("p%40ss").doesNotContain("p@ss");
    }

    @Test
    void uses_the_default_port_when_the_url_has_none() {
        assertThat(PostgresDialect.forUrl("postgresql://db.example/lookout").poolConfig().getJdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:5432/lookout");
    }

    @Test
    void rejects_an_unknown_url_without_showing_its_password() {
        assertThatThrownBy(() -> Stores.open("mysql://root:secret@db/lookout", StoreOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sqlite:<path> or postgresql://")
                .hasMessageNotContaining("secret");
    }

    @Test
    void names_the_database_when_postgresql_cannot_be_reached() {
        // port 1 on loopback: nothing listens, the connection is refused at once
        assertThatThrownBy(() -> Stores.open("postgresql://nobody:secret@127.0.0.1:1/lookout?connectTimeout=2",
                StoreOptions.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open PostgreSQL database jdbc:postgresql://127.0.0.1:1/lookout")
                .hasMessageNotContaining("secret");
    }

    @Test
    void names_the_option_and_the_value_when_options_are_invalid() {
        assertThatThrownBy(() -> StoreOptions.defaults().withBatchSize(0))
                .hasMessage("store batchSize must be within 1..10000, was 0");
        assertThatThrownBy(() -> StoreOptions.defaults().withQueueCapacity(10))
                .hasMessage("store queueCapacity must be at least batchSize (500), was 10");
    }
}
