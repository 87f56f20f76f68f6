package dev.baton.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.StoreSettings;
import dev.baton.config.StoreType;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqliteStoresSettingsTest {

    @Test
    void thePageConfigStoreSectionSetsRetentionAndDedupeCapacity() {
        var settings = SqliteStores.Settings.of(
                new StoreSettings(StoreType.SQLITE, Path.of("x.db"), Duration.ofHours(3), 42));
        assertThat(settings.retention()).isEqualTo(Duration.ofHours(3));
        assertThat(settings.dedupeCapacity()).isEqualTo(42);
        assertThat(settings.cacheCapacity()).isEqualTo(SqliteStores.Settings.defaults().cacheCapacity());
    }

    @Test
    void nonsenseIsRefusedWithTheNameOfTheSetting() {
        var defaults = SqliteStores.Settings.defaults();
        assertThatThrownBy(() -> defaults.withDedupeCapacity(0)).hasMessageContaining("dedupeCapacity");
        assertThatThrownBy(() -> defaults.withRetention(Duration.ofSeconds(-1))).hasMessageContaining("retention");
        assertThatThrownBy(() -> defaults.withMaintenanceInterval(Duration.ZERO))
                .hasMessageContaining("maintenanceInterval");
        assertThatThrownBy(() -> defaults.withMaxDatabaseBytes(-1)).hasMessageContaining("maxDatabaseBytes");
    }
}
