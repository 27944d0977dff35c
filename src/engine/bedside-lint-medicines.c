/* bedside-lint-medicines.c: the proof that every item a medicine's record reads is asked wherever the medicine can be offered, the notes records add, and medicines named in texts without <offers> or <mentions>. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-lint-private.h"

#include <stdlib.h>
#include <string.h>

/* How the proof works is explained in docs/lint.md, "Medicine records".
 * In short: the reachability walk calls bedside_lint_reach_medicines() at
 * every <recommend> it can reach, with the atoms that hold on the way
 * pushed.  For each medicine the recommendation offers and each item its
 * record reads, "the item's enable-when is not true" is pushed too: if that
 * can hold, the tree can add the recommendation while the item is not
 * asked, and the search's answers are the example.  Items that only
 * cautions read are needed only where the medicine is kept, so for them
 * "every reason against it is false" is pushed first. */

const BedsideCondition *
bedside_lint_medicine_condition (const BedsideMedicine *medicine,
                                 guint                  k)
{
  return k < medicine->n_against ? &medicine->against[k]
                                 : &medicine->cautions[k - medicine->n_against];
}

static gboolean
deps_read (const Deps *deps,
           guint       item)
{
  return bsearch (&item, deps->items, deps->n_items, sizeof (guint),
                  bedside_lint_compare_guint) != NULL;
}

/* ---- setup ------------------------------------------------------------------ */

guint
bedside_lint_medicines_max_atoms (Lint *self)
{
  guint n = 0;

  /* Where a medicine is offered: one atom per reason against it (it is
   * kept), then one question. */
  for (guint m = 0; m < bedside_guideline_get_n_medicines (self->guideline); m++)
    n = MAX (n, bedside_guideline_get_medicine (self->guideline, m)->n_against + 1);
  return n;
}

void
bedside_lint_medicines_init (Lint *self)
{
  g_autofree guint8 *seen = g_new0 (guint8, MAX (self->n_items, 1));

  self->medicines = g_new0 (MedicineFacts, MAX (self->n_medicines, 1));
  self->proven = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint m = 0; m < self->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);
      MedicineFacts *facts = &self->medicines[m];
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ProofItem));
      guint n_conditions = medicine->n_against + medicine->n_cautions;

      facts->caution_can_hold = g_new0 (gboolean, MAX (medicine->n_cautions, 1));

      /* Reasons against first: an item they read is needed wherever the
       * tree adds the recommendation, which covers the cautions' need. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint k = 0; k < n_conditions; k++)
          {
            const BedsideCondition *condition = bedside_lint_medicine_condition (medicine, k);
            const Deps *deps;

            if ((k < medicine->n_against) != (pass == 0) || condition->when == NULL)
              continue;
            deps = bedside_lint_expr_deps (self, condition->when);
            for (guint i = 0; i < deps->n_items; i++)
              {
                guint item = deps->items[i];
                ProofItem proof = { 0 };

                if (seen[item] || get_item (self, item)->enable_when == NULL)
                  continue;  /* always asked: nothing to prove */
                seen[item] = 1;
                proof.item = item;
                proof.caution_only = pass == 1;
                g_array_append_val (items, proof);
              }
          }
      for (guint i = 0; i < items->len; i++)
        seen[g_array_index (items, ProofItem, i).item] = 0;

      facts->n_items = items->len;
      facts->items = (ProofItem *) (void *) g_array_free (g_steal_pointer (&items), FALSE);
    }
}

void
bedside_lint_medicines_clear (Lint *self)
{
  for (guint m = 0; m < self->n_medicines && self->medicines != NULL; m++)
    {
      g_free (self->medicines[m].items);
      g_free (self->medicines[m].caution_can_hold);
    }
  g_clear_pointer (&self->medicines, g_free);
  g_clear_pointer (&self->proven, g_hash_table_unref);
}

/* ---- the proof ---------------------------------------------------------------- */

/* "its reason against 'maoi_recent'" and the like: the first condition of
 * the record that reads @item. */
static char *
describe_reader (Lint                  *self,
                 const BedsideMedicine *medicine,
                 guint                  item)
{
  for (guint k = 0; k < medicine->n_against + medicine->n_cautions; k++)
    {
      const BedsideCondition *condition = bedside_lint_medicine_condition (medicine, k);
      const BedsideRecommendation *note;

      if (condition->when == NULL ||
          !deps_read (bedside_lint_expr_deps (self, condition->when), item))
        continue;
      note = bedside_guideline_get_recommendation (self->guideline, condition->note);
      if (k < medicine->n_against && condition->id != NULL)
        return g_strdup_printf ("its reason against '%s'", condition->id);
      if (k < medicine->n_against)
        return g_strdup_printf ("its reason against that adds '%s'", note->id);
      if (condition->id != NULL)
        return g_strdup_printf ("its caution '%s'", condition->id);
      return g_strdup_printf ("its caution that adds '%s'", note->id);
    }
  return g_strdup ("its record");
}

/* The example bedside_lint_find_example() left in witness, in
 * questionnaire order, leaving out @skip (the item not asked). */
static char *
describe_example (Lint     *self,
                  guint     skip,
                  gboolean  complete)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->n_items; i++)
    self->values[i] = self->witness_stamp[i] == self->witness_gen
                      ? self->witness[i] : (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;

  for (guint i = 0; i < self->n_items; i++)
    {
      const BedsideItem *item = get_item (self, i);
      const BedsideValue *value = &self->values[i];

      if (self->witness_stamp[i] != self->witness_gen || i == skip)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      if (value->state == BEDSIDE_VALUE_KNOWN && value->type == BEDSIDE_TYPE_TEXT &&
          value->text != NULL && value->text[0] == '\001')
        g_string_append_printf (text, "%s = (a text none of the guideline's tests names)", item->id);
      else if (value->state == BEDSIDE_VALUE_KNOWN)
        {
          g_autofree char *shown = bedside_value_to_string (value, item->codes);

          g_string_append_printf (text, "%s = %s", item->id, shown);
        }
      else
        {
          gboolean enabled = TRUE, known = TRUE;

          if (item->enable_when != NULL)
            {
              memset (self->def_done, 0, MAX (self->n_defs, 1));
              enabled = bedside_expr_evaluate_boolean (item->enable_when, &self->context, &known);
              enabled = enabled && known;
            }
          g_string_append_printf (text, "%s %s", item->id, enabled ? "unanswered" : "not asked");
        }
    }

  for (guint i = 0; i < self->n_items; i++)
    self->values[i] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  memset (self->def_done, 0, MAX (self->n_defs, 1));

  if (text->len == 0)
    g_string_append (text, "any answers");
  else if (complete)
    g_string_append (text, " (and any answers to the other items)");
  else
    g_string_append (text, " (only part of the answers: the rest was too large to enumerate)");
  return g_string_free (text, FALSE);
}

static void
report_gap (Lint              *self,
            guint              recommendation,
            const BedsideNode *node,
            guint              m,
            const ProofItem   *proof,
            gboolean           complete)
{
  const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, recommendation);
  const BedsideItem *item = get_item (self, proof->item);
  g_autofree char *reader = describe_reader (self, medicine, proof->item);
  g_autofree char *example = describe_example (self, proof->item, complete);

  bedside_lint_add_issue (self, BEDSIDE_LINT_ERROR, "medicine-unscreened", item->line,
                          _("medicine '%s' can be offered without asking item '%s', which %s reads: "
                          "the decision tree can add '%s' (line %u), which offers it%s, when '%s' is "
                          "not asked (it is asked only when \"%s\"), for example with %s"),
                          medicine->id, item->id, reader, rec->id, node->line,
                          proof->caution_only ? " with no reason against it" : "",
                          item->id, bedside_expr_get_source (item->enable_when), example);
}

/* Can the tree add @recommendation here while @proof's item is not asked
 * (with, for a caution's item, the medicine kept: pushed by the caller)? */
static void
prove_asked (Lint              *self,
             guint              recommendation,
             const BedsideNode *node,
             guint              m,
             ProofItem         *proof)
{
  const BedsideItem *item = get_item (self, proof->item);
  guint64 context = self->n_atoms > 0 ? self->atoms[self->n_atoms - 1].serial : 0;
  gint64 key = (gint64) (context * (self->n_items + G_GUINT64_CONSTANT (1)) + proof->item);
  Atom *atom;
  Outcome outcome;

  if (proof->state & PROOF_GAP)
    return;  /* one example is enough */
  if (g_hash_table_contains (self->proven, &key))
    return;

  atom = bedside_lint_push_atom (self, ATOM_NOT_TRUE, item->enable_when, NULL);
  outcome = bedside_lint_check_atom (self, atom);
  if (outcome.result == SEARCH_UNSAT && outcome.n_inexact == 0)
    g_hash_table_add (self->proven, g_memdup2 (&key, sizeof key));
  if (outcome.result == SEARCH_SAT)
    {
      gboolean complete = bedside_lint_find_example (self);

      report_gap (self, recommendation, node, m, proof, complete);
      proof->state |= PROOF_GAP;
    }
  else if (outcome.result == SEARCH_SKIPPED)
    {
      if (!(proof->state & PROOF_SKIPPED))
        {
          proof->where = recommendation;
          proof->outcome = outcome;
        }
      proof->state |= PROOF_SKIPPED;
    }
  else if (outcome.n_inexact > 0 && !(proof->state & (PROOF_SKIPPED | PROOF_APPROXIMATE)))
    {
      /* Sampled values found no gap; there may be one between them. */
      proof->where = recommendation;
      proof->outcome = outcome;
      proof->state |= PROOF_APPROXIMATE;
    }
  bedside_lint_pop_atom (self);
}

static void
skip_cautions (MedicineFacts *facts,
               guint          recommendation,
               const Outcome *outcome)
{
  for (guint i = 0; i < facts->n_items; i++)
    {
      ProofItem *proof = &facts->items[i];

      if (!proof->caution_only || (proof->state & (PROOF_GAP | PROOF_SKIPPED)))
        continue;
      proof->where = recommendation;
      proof->outcome = *outcome;
      proof->state |= PROOF_SKIPPED;
    }
}

/* The tree adds @recommendation, which offers medicine @m, here.  Returns
 * whether @m can be kept here (no reason against it holds). */
static gboolean
reach_medicine (Lint              *self,
                guint              recommendation,
                const BedsideNode *node,
                guint              m)
{
  const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);
  MedicineFacts *facts = &self->medicines[m];
  Outcome undecided = { 0 };
  gboolean kept = TRUE, decided = TRUE;
  guint pushed = 0;

  /* Every reason against it is evaluated wherever the tree adds it. */
  for (guint i = 0; i < facts->n_items; i++)
    if (!facts->items[i].caution_only)
      prove_asked (self, recommendation, node, m, &facts->items[i]);

  for (guint k = 0; k < medicine->n_against; k++)
    {
      const BedsideCondition *reason = &medicine->against[k];
      Atom *atom;

      if (self->rec_reached[reason->note] || reason->when == NULL)
        continue;
      atom = bedside_lint_push_atom (self, ATOM_TRUE, reason->when, NULL);
      if (bedside_lint_check_atom (self, atom).result != SEARCH_UNSAT)
        self->rec_reached[reason->note] = TRUE;
      bedside_lint_pop_atom (self);
    }

  /* Kept: every reason against it is false.  Each is checked as it is
   * pushed, so that the components before the question stay satisfiable. */
  for (guint k = 0; k < medicine->n_against && kept; k++)
    {
      const BedsideCondition *reason = &medicine->against[k];
      Atom *atom;
      Outcome outcome;

      if (reason->when == NULL)
        continue;
      atom = bedside_lint_push_atom (self, ATOM_FALSE, reason->when, NULL);
      pushed++;
      outcome = bedside_lint_check_atom (self, atom);
      if (outcome.result == SEARCH_UNSAT)
        kept = FALSE;
      else if (outcome.result == SEARCH_SKIPPED && decided)
        {
          decided = FALSE;
          undecided = outcome;
        }
    }

  if (kept)
    {
      facts->can_be_kept = TRUE;
      for (guint c = 0; c < medicine->n_cautions; c++)
        {
          const BedsideCondition *caution = &medicine->cautions[c];
          Atom *atom;

          if (facts->caution_can_hold[c])
            continue;
          if (caution->when == NULL)
            {
              facts->caution_can_hold[c] = TRUE;
              continue;
            }
          atom = bedside_lint_push_atom (self, ATOM_TRUE, caution->when, NULL);
          if (bedside_lint_check_atom (self, atom).result != SEARCH_UNSAT)
            facts->caution_can_hold[c] = TRUE;
          bedside_lint_pop_atom (self);
        }

      /* A question over an unsatisfiable context would find nothing, or
       * an example of nothing: when "kept" was not decided, say so. */
      if (decided)
        {
          for (guint i = 0; i < facts->n_items; i++)
            if (facts->items[i].caution_only)
              prove_asked (self, recommendation, node, m, &facts->items[i]);
        }
      else
        skip_cautions (facts, recommendation, &undecided);
    }

  while (pushed-- > 0)
    bedside_lint_pop_atom (self);
  return kept;
}

gboolean
bedside_lint_reach_medicines (Lint              *self,
                              guint              recommendation,
                              const BedsideNode *node)
{
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, recommendation);
  gboolean kept_any = rec->n_offers == 0;

  /* A recommendation whose medicines all have a reason against them is
   * dropped: it is in the plan where one of them can be kept. */
  for (guint k = 0; k < rec->n_offers; k++)
    if (rec->offers[k] < self->n_medicines &&
        reach_medicine (self, recommendation, node, rec->offers[k]))
      kept_any = TRUE;
  return kept_any;
}

static const char *
describe_skip (SkipReason skip)
{
  switch (skip)
    {
    case SKIP_COMBINATIONS:
      return "too many combinations of answers";
    case SKIP_ATOMS:
      return "too many conditions depend on each other";
    case SKIP_CLOSURE:
      return "a test depends, through enable-when, on too many items";
    case SKIP_EVALUATIONS:
      return "it took too long to enumerate";
    case SKIP_NONE:
    default:
      return "it could not be enumerated";
    }
}

void
bedside_lint_medicines_finish (Lint *self)
{
  for (guint m = 0; m < self->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);
      MedicineFacts *facts = &self->medicines[m];

      /* A caution's note is in a plan when its @when can hold where the
       * medicine is kept and, with @with, one of those medicines can be
       * kept somewhere (not necessarily in the same plan: never claim an
       * unreachable note that is not). */
      for (guint c = 0; c < medicine->n_cautions; c++)
        {
          const BedsideCondition *caution = &medicine->cautions[c];
          gboolean with = caution->n_with == 0;

          for (guint w = 0; w < caution->n_with && !with; w++)
            with = caution->with[w] < self->n_medicines && self->medicines[caution->with[w]].can_be_kept;
          if (facts->caution_can_hold[c] && with)
            self->rec_reached[caution->note] = TRUE;
        }

      for (guint i = 0; i < facts->n_items; i++)
        {
          const ProofItem *proof = &facts->items[i];
          const BedsideItem *item = get_item (self, proof->item);
          const BedsideRecommendation *where;

          if (proof->state & PROOF_GAP || proof->state == PROOF_OPEN)
            continue;
          where = bedside_guideline_get_recommendation (self->guideline, proof->where);
          if (proof->state & PROOF_SKIPPED)
            bedside_lint_add_issue (self, BEDSIDE_LINT_ERROR, "medicine-proof-skipped", item->line,
                                    _("could not prove that item '%s' is asked wherever medicine '%s' "
                                    "can be offered: where the decision tree adds '%s', the question "
                                    "depends on %u items together and %s"),
                                    item->id, medicine->id, where->id, proof->outcome.n_vars,
                                    describe_skip (proof->outcome.skip));
          else
            bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "medicine-proof-approximate", item->line,
                                    _("the proof that item '%s' is asked wherever medicine '%s' can be "
                                    "offered is approximate: where the decision tree adds '%s', item "
                                    "'%s' is used in arithmetic or compared with another value (line "
                                    "%u), so only values around the guideline's constants were tried"),
                                    item->id, medicine->id, where->id,
                                    get_item (self, proof->outcome.first_inexact)->id,
                                    self->inexact_line[proof->outcome.first_inexact]);
        }
    }
}

/* ---- medicines named in texts --------------------------------------------- */

typedef struct {
  char       *folded;     /* the name, case-folded */
  const char *written;    /* as the record writes it */
  gint        medicine;   /* its index, or -1 for a group */
  const char *group;      /* the group's id (a group's name) */
} MedicineName;

static void
medicine_name_clear (gpointer data)
{
  g_free (((MedicineName *) data)->folded);
}

/* Whether @name occurs in @text as a whole word, or with a plural "s". */
static gboolean
contains_word (const char *text,
               const char *name)
{
  gsize length = strlen (name);

  if (length == 0)
    return FALSE;
  for (const char *p = strstr (text, name); p != NULL; p = strstr (p + 1, name))
    {
      const char *end = p + length;

      if (p > text && g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (text, p))))
        continue;
      if (*end == 's')
        end++;
      if (*end != '\0' && g_unichar_isalnum (g_utf8_get_char (end)))
        continue;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_group (Lint       *self,
          const char *id)
{
  for (guint m = 0; m < self->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);

      if (medicine->group != NULL && g_str_equal (medicine->group, id))
        return TRUE;
    }
  return FALSE;
}

/* The medicines whose records add @recommendation as a note, and those
 * their cautions are with: a note may name them without <mentions>. */
static void
mark_record_medicines (Lint     *self,
                       guint     recommendation,
                       gboolean *related)
{
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, recommendation);

  if (rec->record_medicine >= 0 && (guint) rec->record_medicine < self->n_medicines)
    related[rec->record_medicine] = TRUE;
  for (guint m = 0; m < self->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);

      for (guint k = 0; k < medicine->n_against + medicine->n_cautions; k++)
        {
          const BedsideCondition *condition = bedside_lint_medicine_condition (medicine, k);

          if (condition->note != recommendation)
            continue;
          related[m] = TRUE;
          for (guint w = 0; w < condition->n_with; w++)
            if (condition->with[w] < self->n_medicines)
              related[condition->with[w]] = TRUE;
        }
    }
}

/* Marks in @named the medicines @rec offers or mentions, and collects the
 * groups it mentions; reports the ids that name neither. */
static void
mark_named_medicines (Lint                        *self,
                      const BedsideRecommendation *rec,
                      guint                        line,
                      const char                  *where,
                      gboolean                    *named,
                      GHashTable                  *mentioned_groups)
{
  for (guint k = 0; k < rec->n_offers; k++)
    {
      if (rec->offers[k] < self->n_medicines)
        named[rec->offers[k]] = TRUE;
      else
        bedside_lint_add_issue (self, BEDSIDE_LINT_ERROR, "unknown-medicine", line,
                                _("recommendation '%s'%s offers a medicine that has no record"), rec->id, where);
    }
  for (guint k = 0; rec->mentions != NULL && rec->mentions[k] != NULL; k++)
    {
      const char *id = rec->mentions[k];
      const BedsideMedicine *medicine = bedside_guideline_lookup_medicine (self->guideline, id);

      if (medicine != NULL && medicine->index < self->n_medicines)
        named[medicine->index] = TRUE;
      else if (is_group (self, id))
        g_hash_table_add (mentioned_groups, (gpointer) id);
      else
        bedside_lint_add_issue (self, BEDSIDE_LINT_ERROR, "unknown-medicine", line,
                                _("recommendation '%s'%s mentions '%s', which is not a medicine or group "
                                "the guideline uses"), rec->id, where, id);
    }
}

/* The texts of @rec, case-folded, into @texts, and in @whats what each is
 * (for messages).  Each text stays on its own, so that a name never runs
 * across two. */
static void
collect_texts (const BedsideRecommendation *rec,
               GPtrArray                   *texts,
               GPtrArray                   *whats)
{
  const struct {
    const char *what;
    const char *text;
  } fields[] = {
    { "title", rec->title },
    { "clinician text", rec->clinician },
    { "dose", rec->dose },
    { "duration", rec->duration },
    { "patient title", rec->patient_title },
    { "patient text", rec->patient },
    { "patient dose", rec->patient_dose },
    { "patient duration", rec->patient_duration },
    { "what the patient watches for", rec->patient_watch },
    { "evidence note", rec->evidence_note },
  };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    if (fields[f].text != NULL)
      {
        g_ptr_array_add (texts, g_utf8_casefold (fields[f].text, -1));
        g_ptr_array_add (whats, (gpointer) fields[f].what);
      }
  for (guint k = 0; k < rec->n_contraindications + rec->n_cautions; k++)
    {
      const BedsideCondition *condition = k < rec->n_contraindications
        ? &rec->contraindications[k] : &rec->cautions[k - rec->n_contraindications];

      if (condition->reason != NULL)
        {
          g_ptr_array_add (texts, g_utf8_casefold (condition->reason, -1));
          g_ptr_array_add (whats, k < rec->n_contraindications ? "contraindication's reason"
                                                               : "caution's reason");
        }
    }
}

/* Whether a text may speak of @name: the recommendation names the medicine
 * (or it is related), or names the group or one of its medicines. */
static gboolean
name_is_covered (Lint               *self,
                 const MedicineName *name,
                 const gboolean     *named,
                 const gboolean     *related,
                 GHashTable         *mentioned_groups)
{
  gboolean covered;

  if (name->medicine >= 0)
    return named[name->medicine] || related[name->medicine];

  covered = g_hash_table_contains (mentioned_groups, name->group);
  for (guint m = 0; m < self->n_medicines && !covered; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);

      covered = (named[m] || related[m]) && medicine->group != NULL &&
                g_str_equal (medicine->group, name->group);
    }
  return covered;
}

/* Reports that @rec speaks of @name in its @what without naming it. */
static void
report_unnamed (Lint                        *self,
                const BedsideRecommendation *rec,
                guint                        line,
                const char                  *where,
                const MedicineName          *name,
                const char                  *what)
{
  if (name->medicine >= 0)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline,
                                                                        (guint) name->medicine);

      bedside_lint_add_issue (self, BEDSIDE_LINT_ERROR, "unnamed-medicine", line,
                              _("recommendation '%s'%s speaks of medicine '%s' (\"%s\" in its %s) but "
                              "neither offers nor mentions it: add <offers medicine=\"%s\"/> if it "
                              "offers it (then its record applies), or <mentions medicine=\"%s\"/> "
                              "if the text only speaks of it"),
                              rec->id, where, medicine->id, name->written, what,
                              medicine->id, medicine->id);
    }
  else
    bedside_lint_add_issue (self, BEDSIDE_LINT_ERROR, "unnamed-medicine", line,
                            _("recommendation '%s'%s speaks of the medicine group '%s' (\"%s\" in its "
                            "%s) but neither offers one of its medicines nor mentions it: add "
                            "<offers medicine=\"MEDICINE\"/> for each medicine it offers, or <mentions "
                            "medicine=\"%s\"/> if the text only speaks of them"),
                            rec->id, where, name->group, name->written, what,
                            name->group);
}

static void
check_recommendation_mentions (Lint      *self,
                               guint      r,
                               GArray    *names,
                               gboolean  *named,
                               gboolean  *related)
{
  const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) whats = g_ptr_array_new ();
  g_autoptr(GHashTable) mentioned_groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *reported = g_new0 (gboolean, MAX (names->len, 1));
  g_autofree char *where = NULL;
  guint line = bedside_lint_recommendation_line (self, rec, &where);

  memset (named, 0, sizeof (gboolean) * MAX (self->n_medicines, 1));
  memset (related, 0, sizeof (gboolean) * MAX (self->n_medicines, 1));

  mark_named_medicines (self, rec, line, where, named, mentioned_groups);
  if (names->len == 0)
    return;
  mark_record_medicines (self, r, related);

  collect_texts (rec, texts, whats);
  for (guint t = 0; t < texts->len; t++)
    for (guint n = 0; n < names->len; n++)
      {
        const MedicineName *name = &g_array_index (names, MedicineName, n);

        if (reported[n] || !contains_word (texts->pdata[t], name->folded))
          continue;
        if (name_is_covered (self, name, named, related, mentioned_groups))
          continue;
        reported[n] = TRUE;
        report_unnamed (self, rec, line, where, name, whats->pdata[t]);
      }
}

void
bedside_lint_check_mentions (Lint *self)
{
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (MedicineName));
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *named = g_new0 (gboolean, MAX (self->n_medicines, 1));
  g_autofree gboolean *related = g_new0 (gboolean, MAX (self->n_medicines, 1));

  g_array_set_clear_func (names, medicine_name_clear);
  for (guint m = 0; m < self->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);

      if (medicine->name != NULL && medicine->name[0] != '\0')
        {
          MedicineName name = { g_utf8_casefold (medicine->name, -1), medicine->name, (gint) m, NULL };

          g_array_append_val (names, name);
        }
      if (medicine->group != NULL && medicine->group_name != NULL && medicine->group_name[0] != '\0' &&
          g_hash_table_add (groups, medicine->group))
        {
          MedicineName name = { g_utf8_casefold (medicine->group_name, -1), medicine->group_name,
                                -1, medicine->group };

          g_array_append_val (names, name);
        }
    }

  for (guint r = 0; r < self->n_recs; r++)
    check_recommendation_mentions (self, r, names, named, related);
}
