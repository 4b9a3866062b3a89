package dev.lookout.web.console;

import dev.lookout.web.AccountActions;
import java.util.List;

/**
 * The users page.
 *
 * @param error what the last form got wrong, or null
 * @param done  the notice after an action, or null
 */
public record UsersView(List<AccountActions.UserLine> users, List<String> roles, String error, String done) {
}
