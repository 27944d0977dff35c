/* bedside-care-plan.c: the outcome of an evaluation, and how it explains itself. */
#include "config.h"

#include <string.h>

#include "bedside-care-plan-private.h"

G_DEFINE_BOXED_TYPE (BedsideCarePlan, bedside_care_plan, bedside_care_plan_ref, bedside_care_plan_unref)

struct _BedsideCarePlan
{
  gatomicrefcount   ref_count;
  BedsideGuideline *guideline;
  const char       *pathway;       /* owned by the guideline */
  GArray           *entries;       /* BedsideCarePlanEntry */
  GPtrArray        *dropped;       /* const BedsideRecommendation * */
  const BedsideBranch **taken;
  guint             n_taken;
  char            **taken_descriptions; /* lazily, by position in taken */
  BedsideValue     *values;
  char            **texts;         /* storage for text values */
  guint             n_items;
  BedsideValue     *definition_values;
  guint8           *definition_done;
  BedsideDecisions *decisions;     /* NULL: none */
};

static void
entry_clear (gpointer data)
{
  BedsideCarePlanEntry *entry = data;
  g_free (entry->conditions);
  g_free (entry->medicines);
  g_free (entry->left_out);
}

BedsideCarePlan *
bedside_care_plan_new (BedsideGuideline     *guideline,
                       const BedsideValue   *values,
                       const char           *pathway,
                       const BedsideBranch **taken,
                       guint                 n_taken)
{
  BedsideCarePlan *self = g_new0 (BedsideCarePlan, 1);
  guint n_definitions = bedside_guideline_get_n_definitions (guideline);

  g_atomic_ref_count_init (&self->ref_count);
  self->guideline = bedside_guideline_ref (guideline);
  self->pathway = pathway;
  self->entries = g_array_new (FALSE, TRUE, sizeof (BedsideCarePlanEntry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->dropped = g_ptr_array_new ();
  self->taken = g_memdup2 (taken, sizeof (gpointer) * MAX (n_taken, 1));
  self->n_taken = n_taken;
  self->taken_descriptions = g_new0 (char *, MAX (n_taken, 1));
  self->n_items = bedside_guideline_get_n_items (guideline);
  self->values = g_new0 (BedsideValue, MAX (self->n_items, 1));
  self->texts = g_new0 (char *, MAX (self->n_items, 1));
  for (guint i = 0; i < self->n_items; i++)
    {
      self->values[i] = values[i];
      /* The plan outlives the session: keep its own copy of texts. */
      if (values[i].state == BEDSIDE_VALUE_KNOWN && values[i].type == BEDSIDE_TYPE_TEXT)
        self->values[i].text = self->texts[i] = g_strdup (values[i].text);
    }
  self->definition_values = g_new0 (BedsideValue, MAX (n_definitions, 1));
  self->definition_done = g_new0 (guint8, MAX (n_definitions, 1));
  return self;
}

void
bedside_care_plan_add_entry (BedsideCarePlan              *self,
                             const BedsideRecommendation  *recommendation,
                             BedsideOrigin                 origin,
                             const BedsideBranch          *branch,
                             guint                         taken_before,
                             const BedsideRecommendation  *subject,
                             const BedsideCondition      **conditions,
                             guint                         n_conditions,
                             const BedsideMedicine       **medicines,
                             guint                         n_medicines,
                             const BedsideMedicine       **left_out,
                             guint                         n_left_out)
{
  BedsideCarePlanEntry entry = {
    .recommendation = recommendation,
    .origin = origin,
    .branch = branch,
    .taken_before = taken_before,
    .subject = subject,
    .conditions = n_conditions > 0 ? g_memdup2 (conditions, sizeof (gpointer) * n_conditions) : NULL,
    .n_conditions = n_conditions,
    .medicines = n_medicines > 0 ? g_memdup2 (medicines, sizeof (gpointer) * n_medicines) : NULL,
    .n_medicines = n_medicines,
    .left_out = n_left_out > 0 ? g_memdup2 (left_out, sizeof (gpointer) * n_left_out) : NULL,
    .n_left_out = n_left_out,
  };
  g_array_append_val (self->entries, entry);
}

void
bedside_care_plan_add_dropped (BedsideCarePlan             *self,
                               const BedsideRecommendation *recommendation)
{
  g_ptr_array_add (self->dropped, (gpointer) recommendation);
}

BedsideCarePlan *
bedside_care_plan_ref (BedsideCarePlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_care_plan_unref (BedsideCarePlan *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->entries);
  g_ptr_array_unref (self->dropped);
  for (guint i = 0; i < self->n_taken; i++)
    g_free (self->taken_descriptions[i]);
  g_free (self->taken_descriptions);
  g_free (self->taken);
  for (guint i = 0; i < self->n_items; i++)
    g_free (self->texts[i]);
  g_free (self->texts);
  g_free (self->values);
  g_free (self->definition_values);
  g_free (self->definition_done);
  g_clear_pointer (&self->decisions, bedside_decisions_unref);
  bedside_guideline_unref (self->guideline);
  g_free (self);
}

void
bedside_care_plan_set_decisions (BedsideCarePlan  *self,
                                 BedsideDecisions *decisions)
{
  g_return_if_fail (self != NULL);

  if (decisions != NULL)
    bedside_decisions_ref (decisions);
  g_clear_pointer (&self->decisions, bedside_decisions_unref);
  self->decisions = decisions;
}

BedsideDecisions *
bedside_care_plan_get_decisions (const BedsideCarePlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->decisions;
}

gboolean
bedside_care_plan_is_declined (const BedsideCarePlan  *self,
                               guint                   index,
                               const char            **reason)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->entries->len, FALSE);

  return bedside_decisions_is_declined (self->decisions,
                                        g_array_index (self->entries, BedsideCarePlanEntry, index).recommendation->id,
                                        reason);
}

BedsideGuideline *
bedside_care_plan_get_guideline (const BedsideCarePlan *self)
{
  return self->guideline;
}

const char *
bedside_care_plan_get_pathway (const BedsideCarePlan *self)
{
  return self->pathway;
}

guint
bedside_care_plan_get_n_entries (const BedsideCarePlan *self)
{
  return self->entries->len;
}

const BedsideCarePlanEntry *
bedside_care_plan_get_entry (const BedsideCarePlan *self,
                             guint                  index)
{
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, BedsideCarePlanEntry, index);
}

gboolean
bedside_care_plan_offers (const BedsideCarePlan *self,
                          const BedsideMedicine *medicine)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const BedsideCarePlanEntry *entry = &g_array_index (self->entries, BedsideCarePlanEntry, i);
      for (guint m = 0; m < entry->n_medicines; m++)
        if (entry->medicines[m] == medicine)
          return TRUE;
    }
  return FALSE;
}

const BedsideCarePlanEntry *
bedside_care_plan_lookup (const BedsideCarePlan *self,
                          const char            *recommendation_id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      const BedsideCarePlanEntry *entry = &g_array_index (self->entries, BedsideCarePlanEntry, i);
      if (g_str_equal (entry->recommendation->id, recommendation_id))
        return entry;
    }
  return NULL;
}

const BedsideBranch * const *
bedside_care_plan_get_taken (const BedsideCarePlan *self,
                             guint                 *n_taken)
{
  if (n_taken != NULL)
    *n_taken = self->n_taken;
  return self->taken;
}

const BedsideValue *
bedside_care_plan_get_values (const BedsideCarePlan *self)
{
  return self->values;
}

GPtrArray *
bedside_care_plan_dup_dropped (const BedsideCarePlan *self)
{
  /* A copy: the caller may change it, the plan stays as it was. */
  return g_ptr_array_copy (self->dropped, NULL, NULL);
}

GPtrArray *
bedside_care_plan_collect_cited_references (const BedsideCarePlan *self)
{
  GPtrArray *cited = g_ptr_array_new ();
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (bedside_guideline_get_n_references (self->guideline), 1));

  for (guint i = 0; i < self->entries->len; i++)
    {
      const BedsideCarePlanEntry *entry = &g_array_index (self->entries, BedsideCarePlanEntry, i);
      g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (guint));

      g_array_append_vals (refs, entry->recommendation->citations, entry->recommendation->n_citations);
      /* A medicine record's reasons cite their own sources. */
      for (guint c = 0; c < entry->n_conditions; c++)
        g_array_append_vals (refs, entry->conditions[c]->citations, entry->conditions[c]->n_citations);
      for (guint c = 0; c < refs->len; c++)
        {
          guint ref = g_array_index (refs, guint, c);
          if (seen[ref])
            continue;
          seen[ref] = TRUE;
          g_ptr_array_add (cited, (gpointer) bedside_guideline_get_reference (self->guideline, ref));
        }
    }
  return cited;
}

/* ---- explanations ---------------------------------------------------- */

typedef struct
{
  const BedsideCarePlan *plan;
  GPtrArray             *definitions;  /* const BedsideDefinition *, first use order */
  GPtrArray             *items;        /* const BedsideItem * */
  guint                  depth;
} DescribeData;

/* Collects the definitions a test uses and, through them, the items
 * whose answers decided it: a clinician should see "duration_weeks = 2",
 * not only "acute = yes". */
static void
collect_symbol (const BedsideSymbol *symbol,
                gpointer             user_data)
{
  DescribeData *data = user_data;
  const BedsideGuideline *g = data->plan->guideline;

  if (symbol->is_definition)
    {
      const BedsideDefinition *def = bedside_guideline_get_definition (g, symbol->index);

      if (g_ptr_array_find (data->definitions, def, NULL))
        return;
      g_ptr_array_add (data->definitions, (gpointer) def);
      if (data->depth < 8)
        {
          data->depth++;
          bedside_expr_foreach_symbol (def->expr, collect_symbol, data);
          data->depth--;
        }
    }
  else
    {
      const BedsideItem *item = bedside_guideline_get_item (g, symbol->index);
      if (!g_ptr_array_find (data->items, item, NULL))
        g_ptr_array_add (data->items, (gpointer) item);
    }
}

/* An expression's source without its "--" comments, for people. */
static void
append_source (GString           *text,
               const BedsideExpr *expr)
{
  const char *source = bedside_expr_get_source (expr);
  gsize start = text->len;
  char quote = 0;

  for (const char *p = source; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '\'' || *p == '"')
        quote = *p;
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
          if (*p == '\0')
            break;
        }
      g_string_append_c (text, g_ascii_isspace (*p) ? ' ' : *p);
    }
  while (text->len > start && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);
}

static void
append_item_value (GString           *text,
                   const BedsideItem *item,
                   const BedsideValue *value)
{
  g_autofree char *shown = bedside_value_to_string (value, item->codes);

  g_string_append_printf (text, "%s = %s", item->id, shown);
  if (value->state == BEDSIDE_VALUE_KNOWN && item->unit != NULL &&
      (item->type == BEDSIDE_TYPE_INTEGER || item->type == BEDSIDE_TYPE_DECIMAL) &&
      g_ascii_isalpha (item->unit[0]))
    {
      /* "1 week", not "1 weeks". */
      gsize len = strlen (item->unit);
      gboolean one = item->type == BEDSIDE_TYPE_INTEGER && value->integer == 1;
      g_string_append_printf (text, " %.*s",
                              (int) (one && len > 1 && item->unit[len - 1] == 's' ? len - 1 : len),
                              item->unit);
    }
}

/* ", where acute means duration_weeks < 4; answers: duration_weeks = 1 week":
 * what the named conditions stand for, and the answers that decided them. */
static void
append_grounds (const BedsideCarePlan *self,
                const BedsideExpr    **exprs,
                guint                  n_exprs,
                GString               *text)
{
  g_autoptr(GPtrArray) definitions = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  DescribeData data = { self, definitions, items, 0 };

  for (guint i = 0; i < n_exprs; i++)
    bedside_expr_foreach_symbol (exprs[i], collect_symbol, &data);

  for (guint i = 0; i < definitions->len; i++)
    {
      const BedsideDefinition *def = definitions->pdata[i];
      g_string_append_printf (text, "%s%s means ", i == 0 ? ", where " : "; ", def->id);
      append_source (text, def->expr);
    }
  for (guint i = 0; i < items->len; i++)
    {
      const BedsideItem *item = items->pdata[i];
      g_string_append (text, i == 0 ? "; answers: " : ", ");
      append_item_value (text, item, &self->values[item->index]);
    }
}

/* "Pathway by duration → symptoms for less than 4 weeks: acute pathway,
 * because acute is true, where acute means duration_weeks < 4; answers:
 * duration_weeks = 1 week" */
static char *
describe_branch (const BedsideCarePlan *self,
                 const BedsideBranch   *branch)
{
  GString *text = g_string_new (NULL);
  const BedsideNode *decision = branch->decision;
  g_autoptr(GPtrArray) tests = g_ptr_array_new ();

  g_string_append_printf (text, "%s → ", decision->label ? decision->label : decision->id);
  if (branch->label != NULL)
    g_string_append (text, branch->label);
  else if (branch->pathway != NULL)
    g_string_append_printf (text, "%s pathway", branch->pathway);
  else
    g_string_append (text, branch->when ? "branch taken" : "otherwise");

  if (branch->when != NULL)
    {
      g_string_append (text, ", because ");
      append_source (text, branch->when);
      g_string_append (text, " is true");
      g_ptr_array_add (tests, branch->when);
    }
  else
    {
      /* An otherwise is taken because every earlier test was false. */
      guint n_tests = decision->n_branches - 1;
      for (guint i = 0; i < decision->n_branches; i++)
        {
          const BedsideBranch *other = decision->branches[i];
          if (other->when == NULL)
            continue;
          if (tests->len == 0)
            g_string_append (text, n_tests == 1 ? ", because " : ", because none of these is true: ");
          else
            g_string_append (text, "; ");
          append_source (text, other->when);
          g_ptr_array_add (tests, other->when);
        }
      if (n_tests == 1)
        g_string_append (text, " is false");
    }
  append_grounds (self, (const BedsideExpr **) tests->pdata, tests->len, text);
  return g_string_free (text, FALSE);
}

GStrv
bedside_care_plan_explain (const BedsideCarePlan *self,
                           guint                  index)
{
  const BedsideCarePlanEntry *entry;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  g_return_val_if_fail (index < self->entries->len, NULL);
  entry = &g_array_index (self->entries, BedsideCarePlanEntry, index);

  /* The branches that led here: the enclosing ones, and every earlier
   * decision that could have stopped the walk and did not (no red flag,
   * an adult, ...), in the order they were taken. */
  for (guint i = 0; i < entry->taken_before && i < self->n_taken; i++)
    {
      if (!bedside_care_plan_entry_went_through (self, entry, i))
        continue;
      /* Many recommendations share a path: describe each branch once. */
      if (self->taken_descriptions[i] == NULL)
        self->taken_descriptions[i] = describe_branch (self, self->taken[i]);
      g_ptr_array_add (chain, self->taken_descriptions[i]);
    }
  if (chain->len == 0)
    g_strv_builder_add (builder, "recommended for every patient this guideline covers");
  for (guint i = 0; i < chain->len; i++)
    g_strv_builder_add (builder, chain->pdata[i]);

  if (entry->origin != BEDSIDE_ORIGIN_TREE)
    for (guint c = 0; c < entry->n_conditions; c++)
      {
        const BedsideCondition *condition = entry->conditions[c];
        const BedsideMedicine *medicine = condition->medicine >= 0
          ? bedside_guideline_get_medicine (self->guideline, (guint) condition->medicine) : NULL;
        GString *text = g_string_new (NULL);

        if (medicine != NULL && entry->origin == BEDSIDE_ORIGIN_CONTRAINDICATION)
          g_string_append_printf (text, "%s (%s) is left out", medicine->name, medicine->id);
        else if (medicine != NULL)
          g_string_append_printf (text, "Caution with %s (%s)", medicine->name, medicine->id);
        else if (entry->origin == BEDSIDE_ORIGIN_CONTRAINDICATION)
          g_string_append_printf (text, "%s (%s) is contraindicated",
                                  entry->subject->title, entry->subject->id);
        else
          g_string_append_printf (text, "Caution with %s (%s)",
                                  entry->subject->title, entry->subject->id);
        if (condition->reason != NULL)
          {
            g_string_append (text, ": ");
            g_string_append (text, condition->reason);
            /* Reasons are sentences; do not end with ".," */
            if (text->len > 0 && text->str[text->len - 1] == '.')
              g_string_truncate (text, text->len - 1);
          }
        if (condition->when != NULL)
          {
            g_string_append (text, ", because ");
            append_source (text, condition->when);
            g_string_append (text, " is true");
            append_grounds (self, (const BedsideExpr **) &condition->when, 1, text);
          }
        for (guint w = 0; w < condition->n_with; w++)
          {
            const BedsideMedicine *other = bedside_guideline_get_medicine (self->guideline, condition->with[w]);
            if (bedside_care_plan_offers (self, other))
              g_string_append_printf (text, "%s %s (%s) is offered in this plan too",
                                      condition->when != NULL ? ", and" : ", because",
                                      other->name, other->id);
          }
        g_strv_builder_add (builder, text->str);
        g_string_free (text, TRUE);
      }
  return g_strv_builder_end (builder);
}
