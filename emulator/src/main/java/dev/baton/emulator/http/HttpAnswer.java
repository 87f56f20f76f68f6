package dev.baton.emulator.http;

import java.util.Map;

/** A JSON answer: a status and a value Jackson writes (maps, lists, strings, numbers, records of those). */
record HttpAnswer(int status, Object json) {

    static HttpAnswer ok(Object json) {
        return new HttpAnswer(200, json);
    }

    static HttpAnswer error(int status, String message) {
        return new HttpAnswer(status, Map.of("error", Map.of("message", message)));
    }
}
