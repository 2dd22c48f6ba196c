package dev.va.bootstrap.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads Fernet test vectors: the spec's (in {@code ../shared}) and the project's own (test resources). */
final class FernetVectors {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** A case of the spec's generate.json, verify.json or invalid.json; absent fields are null. */
  record SpecCase(
      String desc, String token, String now, List<Integer> iv, String src,
      @JsonProperty("ttl_sec") Integer ttlSeconds, String secret) {}

  /** A case made with Python's cryptography by {@code fernet/make_vectors.py}. */
  record OwnCase(String secret, long timestamp, List<Integer> iv, String src, String token) {}

  record OwnFile(String generator, List<OwnCase> vectors) {}

  private FernetVectors() {}

  /**
   * The spec's vectors folder, {@code ../shared/data/fernet} beside the repository root, when present. The root is
   * found by walking up from the module folder (Maven's working directory for tests) to the parent pom.
   */
  static Optional<Path> specFolder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("va-bootstrap")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        Path folder = dir.resolveSibling("shared").resolve("data").resolve("fernet");
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  static List<SpecCase> spec(Path folder, String file) throws IOException {
    return List.of(JSON.readValue(folder.resolve(file).toFile(), SpecCase[].class));
  }

  static OwnFile own() throws IOException {
    try (InputStream in = FernetVectors.class.getResourceAsStream("/fernet/vectors.json")) {
      if (in == null) throw new IllegalStateException("test resource /fernet/vectors.json is missing");
      return JSON.readValue(in, OwnFile.class);
    }
  }

  static byte[] bytes(List<Integer> values) {
    byte[] bytes = new byte[values.size()];
    for (int i = 0; i < bytes.length; i++) bytes[i] = values.get(i).byteValue();
    return bytes;
  }
}
