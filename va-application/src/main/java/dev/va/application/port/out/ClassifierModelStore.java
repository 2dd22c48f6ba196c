package dev.va.application.port.out;

import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Each user's own triage models, stored once they corrected a classification; users without one share the base
 * model. A model is kept as the bytes of a model file ({@code TriageModel.writeTo}); the store does not read them.
 */
public interface ClassifierModelStore {
  /** A user's model file and when it was saved. */
  record StoredModel(byte[] model, Instant updatedAt) {
    public StoredModel {
      if (model == null || model.length == 0) throw new IllegalArgumentException("model is required");
      if (updatedAt == null) throw new IllegalArgumentException("updatedAt is required");
      model = model.clone();
    }

    @Override
    public byte[] model() {
      return model.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof StoredModel that && Arrays.equals(model, that.model)
          && updatedAt.equals(that.updatedAt);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(model) + updatedAt.hashCode();
    }

    @Override
    public String toString() {
      return "StoredModel[" + model.length + " bytes, updatedAt=" + updatedAt + "]";
    }
  }

  Optional<StoredModel> load(UserId user);

  /** When the user's model was last saved, without reading it: lets callers keep a loaded model until it changes. */
  Optional<Instant> updatedAt(UserId user);

  /** Stores (or replaces) the user's model; the user must exist. */
  void save(UserId user, StoredModel model);
}
