package dev.lookout.web;

import java.util.List;

/**
 * A set of routes contributed by one capability's API (alerts, incidents, badges, ...), so that
 * adding an API is one class here and one line where the node is wired, not an edit of
 * {@link WebServer}.
 */
public interface RouteGroup {

    List<Route> routes();
}
