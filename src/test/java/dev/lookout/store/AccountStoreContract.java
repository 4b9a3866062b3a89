package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.account.AccountRole;
import dev.lookout.account.Accounts;
import dev.lookout.account.ApiKey;
import dev.lookout.account.User;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with accounts, whatever the database; mixed into {@link StoreContract},
 * so that it runs on SQLite and on PostgreSQL.
 */
interface AccountStoreContract {
    Instant AT = Instant.parse("2026-03-10T12:30:00Z");

    Store store();

    @Test
    default void a_user_name_is_taken_once_and_removing_a_user_ends_their_sessions() {
        Accounts accounts = store().accounts();
        User ada = accounts.addUser("ada", AccountRole.ADMIN, "$argon2id$hash-a", AT).orElseThrow();
        assertThat(accounts.addUser("ada", AccountRole.VIEWER, "$argon2id$hash-b", AT)).as("the name is taken").isEmpty();
        User bob = accounts.addUser("bob", AccountRole.VIEWER, "$argon2id$hash-c", AT).orElseThrow();
        assertThat(accounts.users()).containsExactly(ada, bob);
        assertThat(accounts.credentials("ada")).hasValueSatisfying(c -> {
            assertThat(c.user()).isEqualTo(ada);
            assertThat(c.passwordHash()).isEqualTo("$argon2id$hash-a");
        });

        accounts.addSession("s1", ada.id(), "csrf-1", AT, AT.plusSeconds(3600), "10.0.0.1");
        accounts.addSession("s2", bob.id(), "csrf-2", AT, AT.plusSeconds(3600), "10.0.0.2");
        assertThat(accounts.session("s1")).hasValueSatisfying(s -> {
            assertThat(s.user()).isEqualTo(ada);
            assertThat(s.csrfToken()).isEqualTo("csrf-1");
            assertThat(s.lastSeenAt()).isEqualTo(AT);
            assertThat(s.expiresAt()).isEqualTo(AT.plusSeconds(3600));
        });

        accounts.addSession("s3", ada.id(), "csrf-3", AT.plusSeconds(60), AT.plusSeconds(3600), "10.0.0.1");
        assertThat(accounts.lastSignIns()).as("the start of each user's newest session")
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(ada.id(), AT.plusSeconds(60), bob.id(), AT));

        assertThat(accounts.removeUser("ada")).isTrue();
        assertThat(accounts.removeUser("ada")).as("already gone").isFalse();
        assertThat(accounts.lastSignIns()).as("a removed user's sign-in goes with them").doesNotContainKey(ada.id());
        assertThat(accounts.session("s1")).isEmpty();
        assertThat(accounts.session("s2")).as("another user's session stays").isPresent();
        assertThat(accounts.users()).containsExactly(bob);
        assertThat(accounts.removeSessions(bob.id())).isEqualTo(1);
        assertThat(accounts.lastSignIns()).as("kept on the user when the sessions are deleted")
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(bob.id(), AT));
    }

    @Test
    default void a_new_password_ends_the_sessions_and_old_sessions_are_purged() {
        Accounts accounts = store().accounts();
        User ada = accounts.addUser("ada", AccountRole.EDITOR, "old", AT).orElseThrow();
        accounts.addSession("s1", ada.id(), "c", AT, AT.plusSeconds(3600), null);
        accounts.addSession("s2", ada.id(), "c", AT, AT.plusSeconds(3600), null);
        assertThat(accounts.setPasswordHash("ada", "new")).isTrue();
        assertThat(accounts.setPasswordHash("nobody", "new")).isFalse();
        assertThat(accounts.credentials("ada").orElseThrow().passwordHash()).isEqualTo("new");
        assertThat(accounts.session("s1")).isEmpty();

        accounts.addSession("idle", ada.id(), "c", AT, AT.plusSeconds(3600), null);
        accounts.addSession("busy", ada.id(), "c", AT, AT.plusSeconds(3600), null);
        accounts.addSession("expired", ada.id(), "c", AT, AT.plusSeconds(60), null);
        accounts.touchSession("busy", AT.plusSeconds(100));
        accounts.touchSession("expired", AT.plusSeconds(100));
        assertThat(accounts.session("busy").orElseThrow().lastSeenAt()).isEqualTo(AT.plusSeconds(100));
        assertThat(accounts.purgeSessions(AT.plusSeconds(50), AT.plusSeconds(120))).isEqualTo(2);
        assertThat(accounts.session("busy")).isPresent();
        assertThat(accounts.removeSessions(ada.id())).isEqualTo(1);
    }

    @Test
    default void an_api_key_is_found_by_its_hash_records_its_use_and_is_revoked_once() {
        Accounts accounts = store().accounts();
        ApiKey key = accounts.addApiKey("ci", "lk_abcdef", "hash-1", AccountRole.EDITOR, "ada", AT, AT.plusSeconds(86_400));
        ApiKey forever = accounts.addApiKey("bot", "lk_ghijkl", "hash-2", AccountRole.VIEWER, "cli", AT, null);
        assertThat(key).isEqualTo(new ApiKey(key.id(), "ci", "lk_abcdef", AccountRole.EDITOR, "ada", AT, AT.plusSeconds(86_400),
                null, null));
        assertThat(accounts.apiKeyByHash("hash-2")).contains(forever);
        assertThat(accounts.apiKeyByHash("hash-3")).isEmpty();

        accounts.touchApiKey(key.id(), AT.plusSeconds(5));
        assertThat(accounts.revokeApiKey(key.id(), AT.plusSeconds(10))).isTrue();
        assertThat(accounts.revokeApiKey(key.id(), AT.plusSeconds(20))).as("once").isFalse();
        assertThat(accounts.apiKeys()).extracting(ApiKey::name, ApiKey::lastUsedAt, ApiKey::revokedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ci", AT.plusSeconds(5), AT.plusSeconds(10)),
                        org.assertj.core.groups.Tuple.tuple("bot", null, null));
    }

    @Test
    default void failed_logins_are_counted_per_account_and_per_address_and_forgotten() {
        Accounts accounts = store().accounts();
        accounts.recordFailedLogin("ada", "10.0.0.1", AT);
        accounts.recordFailedLogin("ada", "10.0.0.2", AT.plusSeconds(1));
        accounts.recordFailedLogin("bob", "10.0.0.1", AT.plusSeconds(2));
        accounts.recordFailedLogin("bob", "10.0.0.1", AT.minusSeconds(3600));

        Accounts.FailedLogins failed = accounts.failedLoginsSince("ada", "10.0.0.1", AT.minusSeconds(60));
        assertThat(failed.ofAccount()).containsExactly(AT.plusSeconds(1), AT);
        assertThat(failed.ofAddress()).containsExactly(AT.plusSeconds(2), AT);

        accounts.forgetFailedLogins("ada", AT.minusSeconds(60));
        Accounts.FailedLogins after = accounts.failedLoginsSince("bob", "10.0.0.1", AT.minusSeconds(7200));
        assertThat(after.ofAccount()).as("bob's old failure is forgotten as well").containsExactly(AT.plusSeconds(2));
        assertThat(accounts.failedLoginsSince("ada", "10.0.0.2", AT.minusSeconds(60)).ofAccount()).isEmpty();
    }

    @Test
    default void a_two_factor_secret_is_confirmed_once_and_each_time_step_and_recovery_code_is_used_once() {
        Accounts accounts = store().accounts();
        User ada = accounts.addUser("ada", AccountRole.ADMIN, "h", AT).orElseThrow();
        accounts.addSession("s1", ada.id(), "c", AT, AT.plusSeconds(3600), null);
        assertThat(accounts.useTimeStep(ada.id(), 100)).as("nothing active").isFalse();
        assertThat(accounts.beginTwoFactor(ada.id(), "FIRSTSECRET", AT)).isTrue();
        assertThat(accounts.beginTwoFactor(ada.id(), "SECONDSECRET", AT)).as("begun again: replaced").isTrue();
        assertThat(accounts.twoFactor(ada.id())).contains(new Accounts.TwoFactorSecret("SECONDSECRET", null, -1));
        assertThat(accounts.session("s1").orElseThrow().twoFactor()).isFalse();

        assertThat(accounts.confirmTwoFactor(ada.id(), 100, java.util.List.of("r1", "r2"), AT)).isTrue();
        assertThat(accounts.confirmTwoFactor(ada.id(), 101, java.util.List.of("r3"), AT)).as("once").isFalse();
        assertThat(accounts.beginTwoFactor(ada.id(), "THIRDSECRET", AT)).as("active: not replaced").isFalse();
        assertThat(accounts.twoFactor(ada.id())).contains(new Accounts.TwoFactorSecret("SECONDSECRET", AT, 100));
        assertThat(accounts.session("s1").orElseThrow().twoFactor()).isTrue();

        assertThat(accounts.useTimeStep(ada.id(), 100)).as("the confirming step").isFalse();
        assertThat(accounts.useTimeStep(ada.id(), 102)).isTrue();
        assertThat(accounts.useTimeStep(ada.id(), 101)).as("an older step").isFalse();
        assertThat(accounts.recoveryCodesLeft(ada.id())).isEqualTo(2);
        assertThat(accounts.useRecoveryCode(ada.id(), "r1")).isTrue();
        assertThat(accounts.useRecoveryCode(ada.id(), "r1")).isFalse();
        assertThat(accounts.recoveryCodesLeft(ada.id())).isEqualTo(1);

        accounts.addHalfLogin("h1", ada.id(), AT, AT.plusSeconds(300));
        accounts.addHalfLogin("h2", ada.id(), AT.plusSeconds(400), AT.plusSeconds(700));
        assertThat(accounts.halfLogin("h1")).as("expired, purged by the next one").isEmpty();
        assertThat(accounts.halfLogin("h2")).contains(new Accounts.HalfLogin(ada, AT.plusSeconds(700)));
        assertThat(accounts.removeHalfLogin("h2")).isTrue();
        accounts.addHalfLogin("h3", ada.id(), AT.plusSeconds(400), AT.plusSeconds(700));

        assertThat(accounts.removeTwoFactor(ada.id())).isTrue();
        assertThat(accounts.removeTwoFactor(ada.id())).isFalse();
        assertThat(accounts.twoFactor(ada.id())).isEmpty();
        assertThat(accounts.recoveryCodesLeft(ada.id())).isZero();
        assertThat(accounts.halfLogin("h3")).isEmpty();
    }

    @Test
    default void a_single_sign_on_user_is_found_by_subject_and_a_waiting_sign_in_is_taken_once() {
        Accounts accounts = store().accounts();
        accounts.addUser("ada", AccountRole.ADMIN, "$argon2id$hash", AT).orElseThrow();

        assertThat(accounts.addSsoUser("ada", "https://id|1", AccountRole.VIEWER, AT)).as("the name is a local user's").isEmpty();
        User bob = accounts.addSsoUser("bob", "https://id|2", AccountRole.VIEWER, AT).orElseThrow();
        assertThat(bob.sso()).isTrue();
        assertThat(accounts.addSsoUser("bob2", "https://id|2", AccountRole.VIEWER, AT)).as("the subject is taken").isEmpty();
        accounts.setRole(bob.id(), AccountRole.EDITOR);
        assertThat(accounts.ssoUser("https://id|2")).contains(new User(bob.id(), "bob", AccountRole.EDITOR,
                AT, true));
        assertThat(accounts.ssoUser("https://id|1")).isEmpty();
        assertThat(accounts.credentials("ada").orElseThrow().user().sso()).isFalse();

        accounts.addOidcLogin("s1", new Accounts.OidcLogin("n1", "v1", "/console", AT.plusSeconds(600)), AT);
        accounts.addOidcLogin("s2", new Accounts.OidcLogin("n2", "v2", "/", AT.plusSeconds(1300)), AT.plusSeconds(700));
        assertThat(accounts.takeOidcLogin("s1")).as("expired, purged by the next one").isEmpty();
        assertThat(accounts.takeOidcLogin("s2")).contains(new Accounts.OidcLogin("n2", "v2", "/", AT.plusSeconds(1300)));
        assertThat(accounts.takeOidcLogin("s2")).as("once").isEmpty();
    }
}
