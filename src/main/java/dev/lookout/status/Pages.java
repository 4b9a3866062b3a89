package dev.lookout.status;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.PageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public status pages of the current configuration, and which one a request is for: the page
 * whose {@code host} is the request's host name (the port ignored) and whose {@code path} is the
 * request's prefix; else the page without host with that path; else, for a request without a
 * prefix, the default page. The default page is the one with neither host nor path, or the first
 * page when every page has one. A configuration without {@code pages:} has one default page.
 *
 * <p>A reload that leaves a page's settings as they were keeps its {@link Page} object, and with
 * it whatever was rendered from it.
 */
public final class Pages {
    private record Built(List<PageConfig> configs, String publicUrl, List<Page> pages, Page fallback) {
    }

    private final Supplier<List<PageConfig>> configs;
    private final Supplier<String> publicUrl;
    private final StatusReadModel model;
    private final String defaultTitle;
    private final java.util.function.BooleanSupplier emailSubscriptions;
    private volatile Built built;

    private Pages(Supplier<List<PageConfig>> configs, Supplier<String> publicUrl, StatusReadModel model, String defaultTitle,
                  java.util.function.BooleanSupplier emailSubscriptions) {
        this.configs = configs;
        this.publicUrl = publicUrl;
        this.model = model;
        this.defaultTitle = defaultTitle;
        this.emailSubscriptions = emailSubscriptions;
    }

    /** The pages of {@code pages:} in the current configuration; without it, one default page titled "Lookout status". */
    public static Pages of(Supplier<LookoutConfig> config, StatusReadModel model) {
        return new Pages(() -> config.get().pages(), () -> config.get().server().publicUrl(), model, PageConfig.DEFAULT_TITLE,
                () -> config.get().subscriptions().emailEnabled());
    }

    /** One page showing everything, in English and UTC, at {@code publicUrl}, without subscribing by email. */
    public static Pages single(StatusReadModel model, String title, String publicUrl) {
        return new Pages(List::of, () -> publicUrl, model, title, () -> false);
    }

    /** Whether visitors may subscribe by email ({@code subscriptions.email_channel}): the pages then show the form. */
    public boolean emailSubscriptions() {
        return emailSubscriptions.getAsBoolean();
    }

    public List<Page> all() {
        return current().pages();
    }

    /** The page with this id, for its logo. */
    public Optional<Page> page(String id) {
        return current().pages().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The page served for a request without host or path of its own. */
    public Page defaultPage() {
        return current().fallback();
    }

    /**
     * The page a request is for.
     *
     * @param host   the request's host name in any case, without port (null when the request has none)
     * @param prefix the request's path prefix ({@code /internal}), or {@code ""} for a path without one
     * @return empty when the prefix is no page's
     */
    public Optional<Page> resolve(String host, String prefix) {
        Built b = current();
        String name = host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
        for (Page p : b.pages()) {
            if (p.config().host() != null && p.config().host().equals(name) && p.config().path().equals(prefix)) {
                return Optional.of(p);
            }
        }
        for (Page p : b.pages()) {
            if (p.config().host() == null && p.config().path().equals(prefix)) {
                return Optional.of(p);
            }
        }
        return prefix.isEmpty() ? Optional.of(b.fallback()) : Optional.empty();
    }

    private Built current() {
        List<PageConfig> list = configs.get();
        String url = publicUrl.get();
        Built b = built;
        if (b != null && b.configs() == list && b.publicUrl().equals(url)) {
            return b;
        }
        synchronized (this) {
            b = built;
            if (b != null && b.configs() == list && b.publicUrl().equals(url)) {
                return b;
            }
            List<Page> pages = new ArrayList<>();
            for (PageConfig config : list.isEmpty() ? List.of(PageConfig.standard(defaultTitle)) : list) {
                Page kept = b == null || !b.publicUrl().equals(url) ? null
                        : b.pages().stream().filter(p -> p.config().equals(config)).findFirst().orElse(null);
                pages.add(Objects.requireNonNullElseGet(kept, () -> new Page(config, url, model)));
            }
            Page fallback = pages.stream().filter(p -> p.config().host() == null && p.config().path().isEmpty())
                    .findFirst().orElse(pages.getFirst());
            b = new Built(list, url, List.copyOf(pages), fallback);
            built = b;
            return b;
        }
    }
}
