package com.example.storehours;

import static java.util.Objects.requireNonNull;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The store-hours app's {@code settings:} block.
 *
 * @param opens    opening time, e.g. {@code "09:00"}
 * @param closes   closing time, e.g. {@code "18:00"}
 * @param timeZone the store's time zone, e.g. {@code "Europe/Helsinki"}
 */
public record StoreHoursSettings(String opens, String closes, String timeZone) {

    public static final StoreHoursSettings DEFAULTS = new StoreHoursSettings("09:00", "18:00", "UTC");

    public StoreHoursSettings {
        requireNonNull(opens, "opens is null");
        requireNonNull(closes, "closes is null");
        requireNonNull(timeZone, "timeZone is null");
        LocalTime.parse(opens);
        LocalTime.parse(closes);
        ZoneId.of(timeZone);
    }
}
