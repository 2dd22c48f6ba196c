package dev.va.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PersistenceSettingsTest {
  private static final String URL = "jdbc:postgresql://db.example.org:5432/va";

  @Test
  void acceptsAnEmptyPasswordForTrustAuthentication() {
    assertThat(new PersistenceSettings(URL, "va", "", 1).password()).isEmpty();
  }

  @Test
  void rejectsWhatCannotWork() {
    assertThatThrownBy(() -> new PersistenceSettings(null, "va", "pw", 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersistenceSettings("jdbc:mysql://db/va", "va", "pw", 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersistenceSettings(URL, " ", "pw", 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersistenceSettings(URL, "va", null, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersistenceSettings(URL, "va", "pw", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersistenceSettings(URL, "va", "pw", PersistenceSettings.MAX_POOL_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverShowsThePassword() {
    assertThat(new PersistenceSettings(URL, "va", "s3cret-pw", 5).toString())
        .contains(URL, "va", "5")
        .doesNotContain("s3cret-pw");
  }
}
