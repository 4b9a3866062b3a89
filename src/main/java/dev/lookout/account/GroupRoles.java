package dev.lookout.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code accounts.oidc.roles}: the strongest role any of a user's groups gives, if any does. */
record GroupRoles(Map<String, List<String>> roles) {

    Optional<AccountRole> of(Collection<String> groups) {
        List<AccountRole> strongestFirst = List.of(AccountRole.ADMIN, AccountRole.EDITOR, AccountRole.VIEWER);
        return strongestFirst.stream()
                .filter(role -> roles.getOrDefault(role.code(), List.of()).stream().anyMatch(groups::contains))
                .findFirst();
    }
}
