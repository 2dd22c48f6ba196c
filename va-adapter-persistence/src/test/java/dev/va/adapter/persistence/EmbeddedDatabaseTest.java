package dev.va.adapter.persistence;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.domain.user.User;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
  @TempDir
  Path dataDirectory;

  @Test
  void keepsItsDataAcrossRestartsAndRefusesASecondServerOnTheSameData() {
    User user = aUser().build();
    try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDirectory, 0);
        Database database = Database.open(embedded.settings(2))) {
      assertThat(embedded.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + embedded.port() + "/postgres");
      new PostgresUserRepository(database).insert(user);
      assertThatThrownBy(() -> EmbeddedDatabase.start(dataDirectory, 0)).isInstanceOf(IllegalStateException.class);
    }

    try (EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDirectory, 0);
        Database database = Database.open(embedded.settings(2))) {
      assertThat(new PostgresUserRepository(database).findById(user.id())).contains(user);
    }
  }
}
