package dev.va.bootstrap.security;

/** Cost of an Argon2id hash: memory in KiB, passes over memory, lanes. */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {
  /** OWASP Password Storage Cheat Sheet's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public static final Argon2idParameters OWASP = new Argon2idParameters(19_456, 2, 1);

  /** Upper bounds, also applied to stored hashes so that a forged hash cannot exhaust memory or CPU. */
  static final int MAX_MEMORY_KIB = 1 << 20;
  static final int MAX_ITERATIONS = 64;
  static final int MAX_PARALLELISM = 64;

  public Argon2idParameters {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("parallelism must be between 1 and " + MAX_PARALLELISM);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("memory must be between 8 KiB per lane and " + MAX_MEMORY_KIB + " KiB");
    }
  }

  /** True when any cost is below the corresponding cost of {@code other}. */
  boolean weakerThan(Argon2idParameters other) {
    return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
  }
}
