package dev.lookout.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers by itself, before any route runs: a URI it will not route
 * ({@code /%2e%2e/}, an encoded NUL), a header too large, a request line it cannot parse. An API
 * client gets them in the API's form, {@code {"error": "...", "status": 400}}, not Jetty's HTML
 * page; a browser ({@link AcceptHeader#prefersHtml}) keeps Jetty's page. Neither shows a stack.
 * A request refused while its request line or headers are read has no headers yet (measured:
 * {@code /%2e%2e/}, an encoded NUL, a 20 KB header): it is answered in JSON whoever sent it.
 */
final class JettyErrors extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    JettyErrors() {
        setShowStacks(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        if (AcceptHeader.prefersHtml(request.getHeaders().get(HttpHeader.ACCEPT))) {
            super.generateResponse(request, response, code, message, cause, callback);
            return;
        }
        byte[] body = json(code, message == null || message.isBlank() ? HttpStatus.getMessage(code) : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] json(int code, String message) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", code);
        return JSON.writeValueAsBytes(body);
    }
}
