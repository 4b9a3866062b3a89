package dev.lookout.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/** One HTTP route with the role allowed to call it. */
public record Route(HandlerType method, String path, Role role, Handler handler) {
    public Route {
        Objects.requireNonNull(role, () -> "route " + method + " " + path + " declares no role");
    }

    public static Route of(HandlerType method, String path, Role role, Handler handler) {
        return new Route(method, path, role, handler);
    }

    public static Route get(String path, Role role, Handler handler) {
        return new Route(HandlerType.GET, path, role, handler);
    }
}
