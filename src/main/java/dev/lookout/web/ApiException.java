package dev.lookout.web;

/** A request the API refuses, with the HTTP status and a message that says what is wrong; mapped to JSON in one place. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException notFound(String what) {
        return new ApiException(404, what);
    }

    int status() {
        return status;
    }
}
