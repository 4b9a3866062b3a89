package dev.lookout.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.config.AccountsConfig;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in and out on a real SQLite store, with a clock moved by hand and real Argon2id hashes. */
class SessionsTest {
    private static final String PASSWORD = "correct horse battery";
    private static final AccountsConfig CONFIG = new AccountsConfig(Duration.ofMinutes(30), Duration.ofHours(8), 3, 5,
            Duration.ofMinutes(10), List.of(), List.of(), null);

    @TempDir
    Path dir;
    private final Clock clock = new Clock();
    private Store store;
    private Users users;
    private Sessions sessions;

    static final class Clock implements InstantSource {
        volatile Instant now = Instant.parse("2026-03-10T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @BeforeEach
    void open() {
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults());
        PasswordHashing hashing = new PasswordHashing();
        users = new Users(store.accounts(), hashing, clock);
        sessions = new Sessions(store.accounts(), hashing, () -> CONFIG, clock,
                new TwoFactor(store.accounts(), hashing, clock, new SecretBox(SecretTokens.randomBytes(32))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Login.SignedIn signIn(String name) {
        Login login = sessions.login(name, PASSWORD, "10.0.0.1");
        assertThat(login).isInstanceOf(Login.SignedIn.class);
        return (Login.SignedIn) login;
    }

    @Test
    void the_password_is_stored_as_an_argon2id_hash_and_only_the_right_one_signs_in() {
        users.add("ada", AccountRole.EDITOR, PASSWORD);
        String stored = store.accounts().credentials("ada").orElseThrow().passwordHash();
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);

        assertThat(sessions.login("ada", PASSWORD + "!", "10.0.0.1")).isEqualTo(new Login.Refused("wrong user name or password"));
        assertThat(sessions.login("nobody", PASSWORD, "10.0.0.1")).as("the same answer for an unknown name")
                .isEqualTo(new Login.Refused("wrong user name or password"));
        Login.SignedIn signedIn = signIn("ada");
        assertThat(signedIn.session().user().role()).isEqualTo(AccountRole.EDITOR);
        assertThat(sessions.resume(signedIn.sessionId())).hasValueSatisfying(s -> assertThat(s.user().name()).isEqualTo("ada"));
        assertThat(store.accounts().session(signedIn.sessionId())).as("the id itself is not stored").isEmpty();
    }

    @Test
    void a_session_ends_when_idle_and_at_its_absolute_expiry_however_busy() {
        users.add("ada", AccountRole.VIEWER, PASSWORD);
        String idle = signIn("ada").sessionId();
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.resume(idle)).as("unused for longer than session_idle").isEmpty();

        String busy = signIn("ada").sessionId();
        for (int i = 0; i < 16; i++) { // every 29 minutes for 7 h 44 min: never idle
            clock.advance(Duration.ofMinutes(29));
            assertThat(sessions.resume(busy)).as("after %d uses", i + 1).isPresent();
        }
        clock.advance(Duration.ofMinutes(17));
        assertThat(sessions.resume(busy)).as("8 h after login").isEmpty();
    }

    @Test
    void logout_ends_one_session_and_logout_everywhere_and_a_new_password_end_them_all() {
        users.add("ada", AccountRole.ADMIN, PASSWORD);
        Login.SignedIn laptop = signIn("ada");
        Login.SignedIn phone = signIn("ada");
        Login.SignedIn desk = signIn("ada");
        sessions.logout(laptop.session());
        assertThat(sessions.resume(laptop.sessionId())).isEmpty();
        assertThat(sessions.resume(phone.sessionId())).isPresent();

        assertThat(sessions.logoutEverywhere(phone.session().user())).isEqualTo(2);
        assertThat(sessions.resume(phone.sessionId())).isEmpty();
        assertThat(sessions.resume(desk.sessionId())).isEmpty();

        Login.SignedIn again = signIn("ada");
        users.changePassword("ada", "another long passphrase");
        assertThat(sessions.resume(again.sessionId())).as("a new password signs every browser out").isEmpty();
    }

    @Test
    void too_many_failures_of_one_account_are_throttled_until_the_oldest_leaves_the_window() {
        users.add("ada", AccountRole.VIEWER, PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(sessions.login("ada", "wrong password!", "10.0.0." + i)).isInstanceOf(Login.Refused.class);
            clock.advance(Duration.ofMinutes(1));
        }
        Login throttled = sessions.login("Ada", PASSWORD, "10.0.0.9");
        assertThat(throttled).as("even the right password, from another address, in another case")
                .isEqualTo(new Login.Throttled(Duration.ofMinutes(7)));
        assertThat(((Login.Throttled) throttled).message()).isEqualTo("too many attempts, try again in 420 s");

        clock.advance(Duration.ofMinutes(7));
        assertThat(sessions.login("ada", PASSWORD, "10.0.0.9")).isInstanceOf(Login.SignedIn.class);
        assertThat(sessions.login("ada", "wrong password!", "10.0.0.9")).as("a success forgets the failures")
                .isInstanceOf(Login.Refused.class);
    }

    @Test
    void too_many_failures_from_one_address_are_throttled_whatever_the_account() {
        users.add("ada", AccountRole.VIEWER, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(sessions.login("user" + i, "wrong password!", "192.0.2.7")).isInstanceOf(Login.Refused.class);
        }
        assertThat(sessions.login("ada", PASSWORD, "192.0.2.7")).isInstanceOf(Login.Throttled.class);
        assertThat(sessions.login("ada", PASSWORD, "192.0.2.8")).as("another address").isInstanceOf(Login.SignedIn.class);
    }

    @Test
    void names_and_passwords_are_checked_when_a_user_is_added() {
        assertThatThrownBy(() -> users.add("ada", AccountRole.VIEWER, "short")).hasMessage("a password has at least 12 characters");
        assertThatThrownBy(() -> users.add("-ada", AccountRole.VIEWER, PASSWORD)).hasMessageStartingWith("a user name is 1 to 64");
        users.add("ada", AccountRole.VIEWER, PASSWORD);
        assertThatThrownBy(() -> users.add("ada", AccountRole.ADMIN, PASSWORD)).isInstanceOf(AccountException.class)
                .hasMessage("a user named 'ada' exists already");
        assertThatThrownBy(() -> users.remove("bob")).hasMessage("no user named 'bob'");
    }
}
