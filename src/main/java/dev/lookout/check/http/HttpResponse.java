package dev.lookout.check.http;

import java.util.Map;

/**
 * One HTTP response as read from the wire.
 *
 * @param headers   lower-cased names; repeated headers joined by ", " (RFC 9110 section 5.3)
 * @param body      at most {@link HttpResponseReader#MAX_BODY_BYTES} bytes, still encoded
 * @param truncated whether the body was longer than what was kept
 */
record HttpResponse(int status, String reason, Map<String, String> headers, byte[] body, boolean truncated) {

    HttpResponse {
        headers = Map.copyOf(headers);
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
