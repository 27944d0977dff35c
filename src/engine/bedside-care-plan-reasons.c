/* bedside-care-plan-reasons.c: why the plan is what it is, in the words a
 * clinician reads: each decision once, with the answers that settled it in
 * the questionnaire's own labels; no internal ids.  The full trace, with
 * the expressions, stays in bedside_care_plan_explain () for JSON. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-care-plan-private.h"

G_DEFINE_BOXED_TYPE (BedsideReason, bedside_reason, bedside_reason_copy, bedside_reason_free)

BedsideReason *
bedside_reason_copy (const BedsideReason *reason)
{
  BedsideReason *copy = g_new0 (BedsideReason, 1);

  copy->branch = reason->branch;
  copy->decision = g_strdup (reason->decision);
  copy->outcome = g_strdup (reason->outcome);
  copy->answers = g_strdup (reason->answers);
  return copy;
}

void
bedside_reason_free (BedsideReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->decision);
  g_free (reason->outcome);
  g_free (reason->answers);
  g_free (reason);
}

/* ---- which decisions an entry went through ----------------------------- */

static gboolean
sequence_can_stop (const BedsideBranch *branch)
{
  for (guint i = 0; i < branch->n_children; i++)
    {
      const BedsideNode *node = branch->children[i];
      if (node->type == BEDSIDE_NODE_STOP)
        return TRUE;
      if (node->type == BEDSIDE_NODE_DECISION)
        for (guint b = 0; b < node->n_branches; b++)
          if (sequence_can_stop (node->branches[b]))
            return TRUE;
    }
  return FALSE;
}

gboolean
bedside_care_plan_decision_can_stop (const BedsideNode *decision)
{
  for (guint b = 0; b < decision->n_branches; b++)
    if (sequence_can_stop (decision->branches[b]))
      return TRUE;
  return FALSE;
}

/* Whether the @position-th taken branch led to @entry: it encloses the
 * branch that added it, or it is an earlier decision that could have
 * stopped the walk and did not (no red flag, an adult, ...). */
gboolean
bedside_care_plan_entry_went_through (const BedsideCarePlan      *self,
                                      const BedsideCarePlanEntry *entry,
                                      guint                       position)
{
  guint n_taken;
  const BedsideBranch * const *taken = bedside_care_plan_get_taken (self, &n_taken);

  if (position >= entry->taken_before || position >= n_taken)
    return FALSE;
  for (const BedsideBranch *b = entry->branch; b != NULL; b = b->parent)
    if (b == taken[position])
      return TRUE;
  return bedside_care_plan_decision_can_stop (taken[position]->decision);
}

/* ---- answers in words ------------------------------------------------------ */

typedef struct
{
  const BedsideGuideline *guideline;
  GPtrArray              *items;   /* const BedsideItem *, first use order */
  GPtrArray              *seen;    /* const BedsideDefinition * */
  guint                   depth;
} Collect;

static void
collect_items (const BedsideSymbol *symbol,
               gpointer             user_data)
{
  Collect *c = user_data;

  if (symbol->is_definition)
    {
      const BedsideDefinition *def = bedside_guideline_get_definition (c->guideline, symbol->index);

      if (g_ptr_array_find (c->seen, def, NULL) || c->depth >= 8 || def->expr == NULL)
        return;
      g_ptr_array_add (c->seen, (gpointer) def);
      c->depth++;
      bedside_expr_foreach_symbol (def->expr, collect_items, c);
      c->depth--;
    }
  else
    {
      const BedsideItem *item = bedside_guideline_get_item (c->guideline, symbol->index);
      if (!g_ptr_array_find (c->items, item, NULL))
        g_ptr_array_add (c->items, (gpointer) item);
    }
}

/* The item as a clinician names it: its short label, else its label
 * without the question mark. */
static char *
item_name (const BedsideItem *item)
{
  const char *name = item->short_label != NULL ? item->short_label : item->label;
  gsize len;

  if (name == NULL)
    return g_strdup ("?");
  len = strlen (name);
  while (len > 0 && (name[len - 1] == '?' || name[len - 1] == ' '))
    len--;
  return g_strndup (name, len);
}

/* "40 years", "Pregnant", "2026-12-07": the answer as the questionnaire shows it. */
static char *
answer_words (const BedsideItem  *item,
              const BedsideValue *value)
{
  switch (item->type)
    {
    case BEDSIDE_TYPE_CHOICE:
      if (value->code >= 0 && (guint) value->code < item->n_options)
        return g_strdup (item->options[value->code].label);
      return g_strdup ("?");
    case BEDSIDE_TYPE_INTEGER:
    case BEDSIDE_TYPE_DECIMAL:
      {
        g_autofree char *number = bedside_value_to_string (value, NULL);
        const char *unit = item->unit;
        gsize len;

        if (unit == NULL || !g_ascii_isalpha (unit[0]))
          return g_strdup_printf ("%s%s", number, unit != NULL ? unit : "");
        /* "1 week", not "1 weeks". */
        len = strlen (unit);
        if (item->type == BEDSIDE_TYPE_INTEGER && value->integer == 1 && len > 1 && unit[len - 1] == 's')
          len--;
        return g_strdup_printf ("%s %.*s", number, (int) len, unit);
      }
    case BEDSIDE_TYPE_TEXT:
      return g_strdup_printf ("“%s”", value->text);
    case BEDSIDE_TYPE_DATE:
    case BEDSIDE_TYPE_BOOLEAN:
    case BEDSIDE_TYPE_INVALID:
    default:
      return bedside_value_to_string (value, NULL);
    }
}

static void
append_names (GString    *text,
              const char *intro,
              GPtrArray  *names)
{
  if (names->len == 0)
    return;
  if (text->len > 0)
    g_string_append (text, "; ");
  g_string_append (text, intro);
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, names->pdata[i]);
    }
}

/* "no to cauda equina, leg weakness; duration 1 week": the answers @exprs
 * read, directly or through definitions.  Questions that were not asked
 * did not decide anything and are left out, and so are the ones in
 * @shown (may be NULL): an earlier reason gave them.  Adds what it gives
 * to @shown.  NULL when no answer is left. */
char *
bedside_care_plan_describe_answers (const BedsideCarePlan *self,
                                    const BedsideExpr    **exprs,
                                    guint                  n_exprs,
                                    GHashTable            *shown)
{
  const BedsideGuideline *guideline = bedside_care_plan_get_guideline (self);
  const BedsideValue *values = bedside_care_plan_get_values (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GPtrArray) yes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) no = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  Collect collect = { guideline, items, seen, 0 };
  GString *text;

  for (guint i = 0; i < n_exprs; i++)
    if (exprs[i] != NULL)
      bedside_expr_foreach_symbol (exprs[i], collect_items, &collect);

  for (guint i = 0; i < items->len; i++)
    {
      const BedsideItem *item = items->pdata[i];
      const BedsideValue *value = &values[item->index];

      if (value->state != BEDSIDE_VALUE_KNOWN)
        continue;
      if (shown != NULL && !g_hash_table_add (shown, (gpointer) item))
        continue;
      if (item->type == BEDSIDE_TYPE_BOOLEAN)
        g_ptr_array_add (value->boolean ? yes : no, item_name (item));
      else
        {
          g_autofree char *name = item_name (item);
          g_autofree char *answer = answer_words (item, value);
          /* TRANSLATORS: an answer in a plan's reasons: "Age: 40 years" */
          g_ptr_array_add (others, g_strdup_printf (_("%s: %s"), name, answer));
        }
    }
  if (yes->len + no->len + others->len == 0)
    return NULL;

  text = g_string_new (NULL);
  /* TRANSLATORS: followed by the questions answered yes: "yes to fever, …" */
  append_names (text, _("yes to "), yes);
  /* TRANSLATORS: followed by the questions answered no: "no to cauda equina, …" */
  append_names (text, _("no to "), no);
  append_names (text, "", others);
  return g_string_free (text, FALSE);
}

/* ---- the plan's decisions ---------------------------------------------- */

static BedsideReason *
reason_new (const BedsideCarePlan *self,
            const BedsideBranch   *branch,
            GHashTable            *shown)
{
  const BedsideNode *decision = branch->decision;
  BedsideReason *reason = g_new0 (BedsideReason, 1);
  g_autoptr(GPtrArray) tests = g_ptr_array_new ();

  reason->branch = branch;
  reason->decision = g_strdup (decision->label != NULL ? decision->label : decision->id);
  if (branch->label != NULL)
    reason->outcome = g_strdup (branch->label);
  else if (branch->pathway != NULL)
    /* TRANSLATORS: %s is a pathway's name as the guideline writes it */
    reason->outcome = g_strdup_printf (_("%s pathway"), branch->pathway);
  else
    reason->outcome = g_strdup (branch->when != NULL ? _("yes") : _("otherwise"));

  /* A branch is taken because its test held; an otherwise because every
   * earlier test did not. */
  if (branch->when != NULL)
    g_ptr_array_add (tests, branch->when);
  else
    for (guint i = 0; i < decision->n_branches; i++)
      if (decision->branches[i]->when != NULL)
        g_ptr_array_add (tests, decision->branches[i]->when);
  reason->answers = bedside_care_plan_describe_answers (self, (const BedsideExpr **) tests->pdata, tests->len, shown);
  return reason;
}

/* The positions in the taken branches of the plan's reasons. */
static GArray *
reason_positions (const BedsideCarePlan *self)
{
  guint n_taken;
  guint n_entries = bedside_care_plan_get_n_entries (self);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  bedside_care_plan_get_taken (self, &n_taken);
  for (guint p = 0; p < n_taken; p++)
    for (guint e = 0; e < n_entries; e++)
      if (bedside_care_plan_entry_went_through (self, bedside_care_plan_get_entry (self, e), p))
        {
          g_array_append_val (positions, p);
          break;
        }
  return positions;
}

/**
 * bedside_care_plan_dup_reasons:
 * @self: a plan
 *
 * The decisions that led to the plan's entries, each once, in the order
 * the walk took them.  Each gives the answers that settled it and were
 * not given by an earlier one.
 *
 * Returns: (transfer full) (element-type BedsideReason): the reasons
 */
GPtrArray *
bedside_care_plan_dup_reasons (const BedsideCarePlan *self)
{
  const BedsideBranch * const *taken;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  GPtrArray *reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_reason_free);
  guint n_taken;

  g_return_val_if_fail (self != NULL, reasons);

  taken = bedside_care_plan_get_taken (self, &n_taken);
  positions = reason_positions (self);
  for (guint i = 0; i < positions->len; i++)
    g_ptr_array_add (reasons, reason_new (self, taken[g_array_index (positions, guint, i)], shown));
  return reasons;
}

/**
 * bedside_care_plan_dup_entry_reasons:
 * @self: a plan
 * @index: an entry
 * @n_reasons: (out): how many
 *
 * The reasons (positions in bedside_care_plan_dup_reasons()) that the
 * entry went through, in order.
 *
 * Returns: (transfer full) (array length=n_reasons): the positions, or %NULL when none
 */
guint *
bedside_care_plan_dup_entry_reasons (const BedsideCarePlan *self,
                                     guint                  index,
                                     guint                 *n_reasons)
{
  const BedsideCarePlanEntry *entry;
  g_autoptr(GArray) positions = NULL;
  GArray *found;

  g_return_val_if_fail (self != NULL && n_reasons != NULL, NULL);
  g_return_val_if_fail (index < bedside_care_plan_get_n_entries (self), NULL);

  *n_reasons = 0;
  entry = bedside_care_plan_get_entry (self, index);
  positions = reason_positions (self);
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < positions->len; i++)
    if (bedside_care_plan_entry_went_through (self, entry, g_array_index (positions, guint, i)))
      g_array_append_val (found, i);
  *n_reasons = found->len;
  if (found->len == 0)
    {
      g_array_unref (found);
      return NULL;
    }
  return (guint *) g_array_free (found, FALSE);
}

/**
 * bedside_care_plan_dup_entry_grounds:
 * @self: a plan
 * @index: an entry
 *
 * For a note (a left-out medicine or recommendation, a caution): each
 * condition that holds, as "its reason (the answers behind it)", and any
 * other medicine of the plan it depends on.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL for an entry the tree added
 */
GStrv
bedside_care_plan_dup_entry_grounds (const BedsideCarePlan *self,
                                     guint                  index)
{
  const BedsideCarePlanEntry *entry;
  const BedsideGuideline *guideline;
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < bedside_care_plan_get_n_entries (self), NULL);

  entry = bedside_care_plan_get_entry (self, index);
  if (entry->origin == BEDSIDE_ORIGIN_TREE || entry->n_conditions == 0)
    return NULL;

  guideline = bedside_care_plan_get_guideline (self);
  builder = g_strv_builder_new ();
  for (guint c = 0; c < entry->n_conditions; c++)
    {
      const BedsideCondition *condition = entry->conditions[c];
      g_autofree char *answers = condition->when != NULL
        ? bedside_care_plan_describe_answers (self, (const BedsideExpr **) &condition->when, 1, NULL) : NULL;
      GString *text = g_string_new (condition->reason);

      while (text->len > 0 && text->str[text->len - 1] == '.')
        g_string_truncate (text, text->len - 1);
      if (answers != NULL)
        g_string_append_printf (text, text->len > 0 ? " (%s)" : "%s", answers);
      for (guint w = 0; w < condition->n_with; w++)
        {
          const BedsideMedicine *other = bedside_guideline_get_medicine (guideline, condition->with[w]);
          if (bedside_care_plan_offers (self, other))
            {
              if (text->len > 0)
                g_string_append (text, "; ");
              /* TRANSLATORS: %s is a medicine's name */
              g_string_append_printf (text, _("%s is offered in this plan too"), other->name);
            }
        }
      g_strv_builder_add (builder, text->str);
      g_string_free (text, TRUE);
    }
  return g_strv_builder_end (builder);
}
