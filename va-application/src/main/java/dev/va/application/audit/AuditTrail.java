package dev.va.application.audit;

import dev.va.application.RequestMeta;
import dev.va.application.port.out.AuditEventRepository;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.util.Map;

/** Records state changes in the audit log, stamped with the clock and the request they came from. */
public final class AuditTrail {
  private final AuditEventRepository events;
  private final Clock clock;

  public AuditTrail(AuditEventRepository events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public void record(UserId actor, String action, String targetType, String targetId, RequestMeta meta,
      Map<String, String> details) {
    RequestMeta m = meta == null ? RequestMeta.NONE : meta;
    events.append(AuditEvent.of(actor, action, targetType, targetId, clock.instant(), m.requestId(),
        m.clientAddress(), details));
  }

  public void record(UserId actor, String action, String targetType, String targetId, RequestMeta meta) {
    record(actor, action, targetType, targetId, meta, Map.of());
  }
}
