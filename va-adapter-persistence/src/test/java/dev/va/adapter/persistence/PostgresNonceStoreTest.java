package dev.va.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.adapter.persistence.TestDatabase.TestSchema;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.NonceStoreContract;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresNonceStoreTest implements NonceStoreContract {
  private final Database database;
  private final TestSchema schema;
  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T10:00:00Z"));

  PostgresNonceStoreTest(Database database, TestSchema schema) {
    this.database = database;
    this.schema = schema;
  }

  @Override
  public NonceStore nonceStore() {
    return new PostgresNonceStore(database, clock);
  }

  @Override
  public Instant later() {
    return clock.instant().plus(Duration.ofMinutes(10));
  }

  @Test
  void aNonceUsedByOneProcessIsRefusedToAnotherAndAfterARestart() {
    String nonce = unique();
    assertThat(new PostgresNonceStore(database, clock).useOnce(nonce, later())).isTrue();

    // another pool onto the same schema: what a second process, or this one restarted, opens
    try (Database restarted = Database.open(schema.settings())) {
      assertThat(new PostgresNonceStore(restarted, clock).useOnce(nonce, later())).isFalse();
      assertThat(new PostgresNonceStore(restarted, clock).useOnce(unique(), later())).isTrue();
    }
  }

  @Test
  void usingANoncePurgesExpiredOnesAndKeepsLiveOnes() throws SQLException {
    PostgresNonceStore store = new PostgresNonceStore(database, clock);
    String expiring = unique();
    String live = unique();
    store.useOnce(expiring, clock.instant().plusSeconds(30));
    store.useOnce(live, clock.instant().plus(Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(1));

    store.useOnce(unique(), later());

    List<String> expiries = strings("SELECT expires_at::text FROM oauth_nonces WHERE expires_at < '"
        + clock.instant() + "'");
    assertThat(expiries).isEmpty();
    assertThat(store.useOnce(live, clock.instant().plus(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void storesADigestNeverTheNonce() throws SQLException {
    String nonce = unique();
    new PostgresNonceStore(database, clock).useOnce(nonce, later());

    assertThat(strings("SELECT encode(nonce_hash, 'hex') FROM oauth_nonces"))
        .doesNotContain(nonce).allSatisfy(hash -> assertThat(hash).hasSize(64));
  }

  @Test
  void refusesAMissingNonceOrExpiry() {
    PostgresNonceStore store = new PostgresNonceStore(database, clock);

    assertThatThrownBy(() -> store.useOnce(null, later())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.useOnce(unique(), null)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The schema is shared by the run: each test uses nonces of its own. */
  private static String unique() {
    return UUID.randomUUID().toString();
  }

  private List<String> strings(String sql) throws SQLException {
    return TestDatabase.strings(database, sql);
  }
}
