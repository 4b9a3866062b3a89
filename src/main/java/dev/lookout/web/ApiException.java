package dev.lookout.web;

/** A request the API refuses, with the HTTP status and a message that says what is wrong; mapped to JSON in one place. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what);
    }

    public static ApiException badRequest(String what) {
        return new ApiException(400, what);
    }

    public int status() {
        return status;
    }
}
