package dev.va.adapter.web.replies;

import dev.va.adapter.web.ApiRoutes;
import io.javalin.Javalin;
import jakarta.inject.Inject;

/** The caller's mail rules, reply templates, reply drafts and outbox. */
public final class RepliesRoutes implements ApiRoutes {
  public static final String RULES = BASE_PATH + "/email/rules";
  public static final String RULES_PREVIEW = RULES + "/preview";
  public static final String RULE = RULES + "/{id}";
  public static final String RULE_VERSIONS = RULE + "/versions";
  public static final String RULE_VERSION = RULE_VERSIONS + "/{version}";
  public static final String RULE_PREVIEW = RULE + "/preview";
  public static final String TEMPLATES = BASE_PATH + "/email/templates";
  public static final String TEMPLATE = TEMPLATES + "/{id}";
  public static final String TEMPLATE_APPROVE = TEMPLATE + "/approve";
  public static final String DRAFTS = BASE_PATH + "/email/drafts";
  public static final String DRAFT = DRAFTS + "/{id}";
  public static final String DRAFT_APPROVE = DRAFT + "/approve";
  public static final String DRAFT_REJECT = DRAFT + "/reject";
  public static final String OUTBOX = BASE_PATH + "/email/outbox";
  public static final String OUTBOX_ENTRY = OUTBOX + "/{id}";
  public static final String OUTBOX_RESEND = OUTBOX_ENTRY + "/resend";

  private final RulesController rules;
  private final TemplatesController templates;
  private final DraftsController drafts;
  private final OutboxController outbox;

  @Inject
  public RepliesRoutes(RulesController rules, TemplatesController templates, DraftsController drafts,
      OutboxController outbox) {
    this.rules = rules;
    this.templates = templates;
    this.drafts = drafts;
    this.outbox = outbox;
  }

  @Override
  public void register(Javalin app) {
    app.post(RULES, rules::create);
    app.get(RULES, rules::list);
    app.post(RULES_PREVIEW, rules::previewUnsaved);
    app.get(RULE, rules::show);
    app.put(RULE, rules::replace);
    app.patch(RULE, rules::update);
    app.delete(RULE, rules::delete);
    app.get(RULE_VERSIONS, rules::versions);
    app.get(RULE_VERSION, rules::version);
    app.post(RULE_PREVIEW, rules::preview);
    app.post(TEMPLATES, templates::create);
    app.get(TEMPLATES, templates::list);
    app.get(TEMPLATE, templates::show);
    app.put(TEMPLATE, templates::replace);
    app.delete(TEMPLATE, templates::delete);
    app.post(TEMPLATE_APPROVE, templates::approve);
    app.get(DRAFTS, drafts::list);
    app.get(DRAFT, drafts::show);
    app.patch(DRAFT, drafts::edit);
    app.post(DRAFT_APPROVE, drafts::approve);
    app.post(DRAFT_REJECT, drafts::reject);
    app.get(OUTBOX, outbox::list);
    app.get(OUTBOX_ENTRY, outbox::show);
    app.post(OUTBOX_RESEND, outbox::resend);
  }
}
