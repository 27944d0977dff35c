/* bedside-render-json.c: a care plan as the JSON document of DESIGN.md. */
#include "config.h"

#include "bedside-render.h"

/* The document, member order as written:
 *   {"guideline": {"id", "version", "status", "sha256", "title"},
 *    "pathway",
 *    "recommendations": [{"id", "kind", "topic", "title", "text",
 *                         ["patient_title", "patient_text",]   (audience both)
 *                         "citations", "because", "evidence": {"quality",
 *                         "strength", "note"}, ["about"],      (notes, cautions)
 *                         ["declined": true, "declined_reason"]}], (the clinician's)
 *    ["clinician", "note",]                                         (when given)
 *    "references": [{"id", "text"}],
 *    "disclaimer"}
 * Only the pathway, the recommendations' order, their "because" and "about",
 * the clinician's decisions and the cited references depend on the answers;
 * with audience patient a declined recommendation is not listed: the
 * handout does not show it; the rest is escaped once
 * per writer, which is what makes a batch of 100,000 plans fast. */
struct _BedsideJsonPlanWriter {
  BedsideGuideline  *guideline;
  BedsideAudience    audience;
  char              *head;                  /* up to the pathway's value */
  char              *tail;                  /* from the end of the references */
  char             **recommendation_heads;  /* up to the "because" values */
  char             **recommendation_tails;  /* the evidence */
  char             **references;            /* indexed like the guideline's */
};

static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *run;
  const char *p;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (run = p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* ,"name":"value" (or null); the first member of an object omits the comma. */
static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  g_string_append_printf (out, "\"%s\":", name);
  append_json_string (out, value);
}

static char *
write_head (BedsideGuideline *guideline)
{
  GString *out = g_string_new ("{\"guideline\":{");

  append_member (out, "id", bedside_guideline_get_id (guideline));
  append_member (out, "version", bedside_guideline_get_version (guideline));
  append_member (out, "status",
                 bedside_review_status_to_string (bedside_guideline_get_status (guideline)));
  append_member (out, "sha256", bedside_guideline_get_sha256 (guideline));
  append_member (out, "title", bedside_guideline_get_title (guideline));
  append_member (out, "next_review", bedside_guideline_get_next_review (guideline));
  /* Today's date decides: a batch that runs past midnight keeps the answer
   * of its start, like every other part of its head. */
  g_string_append_printf (out, ",\"review_overdue\":%s",
                          bedside_guideline_is_review_overdue (guideline, NULL) ? "true" : "false");
  /* The medicine records the plan was made with, traceable like the guideline. */
  g_string_append (out, ",\"medicine_records\":[");
  for (guint i = 0; i < bedside_guideline_get_n_medicine_sources (guideline); i++)
    {
      const BedsideMedicineSource *source = bedside_guideline_get_medicine_source (guideline, i);

      g_string_append (out, i > 0 ? ",{" : "{");
      append_member (out, "id", source->id);
      append_member (out, "version", source->version);
      append_member (out, "sha256", source->sha256);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]},\"pathway\":");

  return g_string_free (out, FALSE);
}

static char *
write_recommendation_head (BedsideGuideline            *guideline,
                           const BedsideRecommendation *rec,
                           BedsideAudience              audience)
{
  const char *patient_title = rec->patient_title != NULL ? rec->patient_title : rec->title;
  GString *out = g_string_new ("{");

  append_member (out, "id", rec->id);
  append_member (out, "kind", bedside_kind_to_string (rec->kind));
  append_member (out, "topic", bedside_topic_to_string (rec->topic));

  switch (audience)
    {
    case BEDSIDE_AUDIENCE_CLINICIAN:
      append_member (out, "title", rec->title);
      append_member (out, "text", rec->clinician);
      break;
    case BEDSIDE_AUDIENCE_PATIENT:
      append_member (out, "title", patient_title);
      append_member (out, "text", rec->patient);
      break;
    case BEDSIDE_AUDIENCE_BOTH:
    default:
      append_member (out, "title", rec->title);
      append_member (out, "text", rec->clinician);
      append_member (out, "patient_title", patient_title);
      append_member (out, "patient_text", rec->patient);
      break;
    }

  g_string_append (out, ",\"citations\":[");
  for (guint i = 0; i < rec->n_citations; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, bedside_guideline_get_reference (guideline, rec->citations[i])->id);
    }
  g_string_append (out, "],\"because\":[");

  return g_string_free (out, FALSE);
}

static char *
write_recommendation_tail (const BedsideRecommendation *rec)
{
  GString *out = g_string_new ("],\"evidence\":{");

  append_member (out, "quality", rec->evidence_quality);
  append_member (out, "strength", rec->evidence_strength);
  append_member (out, "note", rec->evidence_note);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static char *
write_reference (const BedsideReference *ref)
{
  GString *out = g_string_new ("{");

  append_member (out, "id", ref->id);
  append_member (out, "text", ref->text);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static char *
write_tail (BedsideGuideline *guideline)
{
  GString *out = g_string_new ("],\"disclaimer\":");

  append_json_string (out, bedside_guideline_get_disclaimer (guideline));
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

BedsideJsonPlanWriter *
bedside_json_plan_writer_new (BedsideGuideline *guideline,
                              BedsideAudience   audience)
{
  BedsideJsonPlanWriter *self;
  guint n_recommendations;
  guint n_references;

  g_return_val_if_fail (guideline != NULL, NULL);

  n_recommendations = bedside_guideline_get_n_recommendations (guideline);
  n_references = bedside_guideline_get_n_references (guideline);

  self = g_new0 (BedsideJsonPlanWriter, 1);
  self->guideline = bedside_guideline_ref (guideline);
  self->audience = audience;
  self->head = write_head (guideline);
  self->tail = write_tail (guideline);
  self->recommendation_heads = g_new0 (char *, n_recommendations + 1);
  self->recommendation_tails = g_new0 (char *, n_recommendations + 1);
  self->references = g_new0 (char *, n_references + 1);

  for (guint i = 0; i < n_recommendations; i++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (guideline, i);

      self->recommendation_heads[i] = write_recommendation_head (guideline, rec, audience);
      self->recommendation_tails[i] = write_recommendation_tail (rec);
    }
  for (guint i = 0; i < n_references; i++)
    self->references[i] = write_reference (bedside_guideline_get_reference (guideline, i));

  return self;
}

void
bedside_json_plan_writer_free (BedsideJsonPlanWriter *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->recommendation_heads);
  g_strfreev (self->recommendation_tails);
  g_strfreev (self->references);
  g_free (self->head);
  g_free (self->tail);
  bedside_guideline_unref (self->guideline);
  g_free (self);
}

/* The medicines a recommendation offers and leaves out, and for a note of
 * a medicine record, the reasons that held (medicine, reason id, texts). */
static void
append_medicines (GString                    *out,
                  const BedsideCarePlanEntry *entry)
{
  gboolean any_reason = FALSE;

  if (entry->n_medicines > 0 || entry->n_left_out > 0)
    {
      g_string_append (out, ",\"medicines\":[");
      for (guint m = 0; m < entry->n_medicines; m++)
        {
          if (m > 0)
            g_string_append_c (out, ',');
          append_json_string (out, entry->medicines[m]->id);
        }
      g_string_append (out, "],\"left_out\":[");
      for (guint m = 0; m < entry->n_left_out; m++)
        {
          if (m > 0)
            g_string_append_c (out, ',');
          append_json_string (out, entry->left_out[m]->id);
        }
      g_string_append_c (out, ']');
    }
  for (guint c = 0; c < entry->n_conditions; c++)
    {
      const BedsideCondition *condition = entry->conditions[c];

      if (condition->medicine < 0)
        continue;
      g_string_append (out, any_reason ? ",{" : ",\"reasons\":[{");
      any_reason = TRUE;
      append_member (out, "id", condition->id);
      append_member (out, "text", condition->reason);
      append_member (out, "patient_text", condition->patient);
      g_string_append_c (out, '}');
    }
  if (any_reason)
    g_string_append_c (out, ']');
}

void
bedside_json_plan_writer_append (BedsideJsonPlanWriter *self,
                                 const BedsideCarePlan *plan,
                                 GString               *out)
{
  g_autoptr(GPtrArray) cited = NULL;
  guint n_entries;

  g_return_if_fail (self != NULL);
  g_return_if_fail (plan != NULL);
  g_return_if_fail (bedside_care_plan_get_guideline (plan) == self->guideline);

  n_entries = bedside_care_plan_get_n_entries (plan);
  cited = bedside_care_plan_collect_cited_references (plan);

  g_string_append (out, self->head);
  append_json_string (out, bedside_care_plan_get_pathway (plan));

  g_string_append (out, ",\"recommendations\":[");
  for (guint i = 0, written = 0; i < n_entries; i++)
    {
      const BedsideCarePlanEntry *entry = bedside_care_plan_get_entry (plan, i);
      guint index = entry->recommendation->index;
      g_auto(GStrv) reasons = NULL;
      const char *declined_reason = NULL;
      gboolean declined = bedside_care_plan_is_declined (plan, i, &declined_reason);

      if (declined && self->audience == BEDSIDE_AUDIENCE_PATIENT)
        continue;
      reasons = bedside_care_plan_explain (plan, i);
      if (written++ > 0)
        g_string_append_c (out, ',');
      g_string_append (out, self->recommendation_heads[index]);
      for (guint j = 0; reasons != NULL && reasons[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          append_json_string (out, reasons[j]);
        }
      g_string_append (out, self->recommendation_tails[index]);

      /* Notes and cautions say which recommendation they qualify, so a
       * reader of the JSON need not reconstruct it from the trace. */
      if (entry->origin != BEDSIDE_ORIGIN_TREE && entry->subject != NULL)
        {
          g_string_append (out, ",\"about\":");
          append_json_string (out, entry->subject->id);
        }
      append_medicines (out, entry);
      if (declined)
        {
          g_string_append (out, ",\"declined\":true");
          if (declined_reason != NULL)
            append_member (out, "declined_reason", declined_reason);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  {
    BedsideDecisions *decisions = bedside_care_plan_get_decisions (plan);

    if (decisions != NULL && bedside_decisions_get_clinician (decisions) != NULL)
      append_member (out, "clinician", bedside_decisions_get_clinician (decisions));
    if (decisions != NULL && bedside_decisions_get_note (decisions) != NULL &&
        self->audience != BEDSIDE_AUDIENCE_PATIENT)
      append_member (out, "note", bedside_decisions_get_note (decisions));
  }

  g_string_append (out, ",\"references\":[");
  for (guint i = 0; i < cited->len; i++)
    {
      const BedsideReference *ref = g_ptr_array_index (cited, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, self->references[ref->index]);
    }
  g_string_append (out, self->tail);
}

JsonNode *
bedside_render_json (const BedsideCarePlan *plan,
                     BedsideAudience        audience)
{
  g_autoptr(BedsideJsonPlanWriter) writer = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_return_val_if_fail (plan != NULL, NULL);

  /* The tree is parsed from what the batch writer writes, so the two
   * cannot drift apart; one plan at a time, the parse costs nothing. */
  writer = bedside_json_plan_writer_new (bedside_care_plan_get_guideline (plan), audience);
  text = g_string_sized_new (16384);
  bedside_json_plan_writer_append (writer, plan, text);

  root = json_from_string (text->str, &error);
  if (root == NULL)
    g_critical ("The JSON plan does not parse: %s", error->message);

  return root;
}
