package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.PasswordHasher;
import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.TokenCipher;
import dev.va.bootstrap.config.DatabaseConfig;
import dev.va.bootstrap.config.SecretsConfig;
import dev.va.bootstrap.security.Argon2idParameters;
import dev.va.bootstrap.security.Argon2idPasswordHasher;
import dev.va.bootstrap.security.FernetKey;
import dev.va.bootstrap.security.FernetTokenCipher;
import dev.va.bootstrap.security.GeneratedSecrets;
import dev.va.bootstrap.security.JwtAccessTokens;
import dev.va.bootstrap.security.KeyDerivation;
import dev.va.bootstrap.security.RandomSecureTokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token cipher, password hasher, access and refresh tokens, keyed from the configuration or the data directory; the
 * key of OAuth states is derived from SECRET_KEY ({@link Keys#oauthStateKey()}).
 */
public final class SecurityModule extends AbstractModule {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityModule.class);

  /** Label of the key that signs OAuth states, derived from SECRET_KEY. */
  static final String OAUTH_STATE_LABEL = "va oauth state v1";

  /** The keys in force. */
  record Keys(List<FernetKey> encryptionKeys, String secretKey) {
    /** Signs the state of OAuth flows; derived, so no new secret is needed and no JWT key is reused. */
    byte[] oauthStateKey() {
      return KeyDerivation.derive(secretKey.getBytes(StandardCharsets.UTF_8), OAUTH_STATE_LABEL);
    }

    @Override
    public String toString() {
      return "Keys[***]";
    }
  }

  @Provides
  @Singleton
  Keys keys(SecretsConfig config, DatabaseConfig database) {
    List<FernetKey> configured = config.encryptionKeys().stream().map(FernetKey::parse).toList();
    if (!configured.isEmpty() && config.secretKey().isPresent()) return new Keys(configured, config.secretKey().get());
    // Only reachable in embedded mode: the configuration refuses an external database without both keys.
    DatabaseConfig.Embedded embedded = (DatabaseConfig.Embedded) database;
    GeneratedSecrets generated = GeneratedSecrets.loadOrCreate(embedded.dataDir());
    if (generated.created()) {
      LOG.warn("generated ENCRYPTION_KEY and SECRET_KEY into {} (owner-only); back it up: stored secrets need it",
          embedded.dataDir().resolve("secrets.properties").toAbsolutePath());
    }
    return new Keys(configured.isEmpty() ? generated.encryptionKeys() : configured,
        config.secretKey().orElse(generated.secretKey()));
  }

  @Provides
  @Singleton
  SecureRandom random() {
    return new SecureRandom();
  }

  @Provides
  @Singleton
  TokenCipher tokenCipher(Keys keys, Clock clock, SecureRandom random) {
    return new FernetTokenCipher(keys.encryptionKeys(), clock, random);
  }

  /** Cost of new password hashes (weaker stored ones are rehashed at login); an override may lower it in tests. */
  @Provides
  @Singleton
  Argon2idParameters argon2idParameters() {
    return Argon2idParameters.OWASP;
  }

  @Provides
  @Singleton
  PasswordHasher passwordHasher(Argon2idParameters parameters, SecureRandom random) {
    return new Argon2idPasswordHasher(parameters, random);
  }

  @Provides
  @Singleton
  AccessTokens accessTokens(Keys keys, Clock clock) {
    return new JwtAccessTokens(keys.secretKey().getBytes(StandardCharsets.UTF_8), JwtAccessTokens.DEFAULT_LIFETIME,
        clock);
  }

  @Provides
  @Singleton
  SecureTokens secureTokens(SecureRandom random) {
    return new RandomSecureTokens(random);
  }
}
