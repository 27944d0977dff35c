/* bedside-lint.c: the linter's entry point and its simple checks (unused items and definitions, citations, readability). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bedside-lint-private.h"
#include "bedside-recommendation-fields-private.h"

#include <stdarg.h>
#include <string.h>

const char *
bedside_lint_severity_to_string (BedsideLintSeverity severity)
{
  switch (severity)
    {
    case BEDSIDE_LINT_ERROR:
      return "error";
    case BEDSIDE_LINT_WARNING:
      return "warning";
    case BEDSIDE_LINT_NOTE:
    default:
      return "note";
    }
}

void
bedside_lint_issue_free (BedsideLintIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->code);
  g_free (issue->message);
  g_free (issue);
}

static void
deps_free (gpointer data)
{
  Deps *deps = data;

  g_free (deps->items);
  g_free (deps->defs);
  g_free (deps->closure);
  g_free (deps);
}

void
bedside_lint_add_issue (Lint                *self,
                        BedsideLintSeverity  severity,
                        const char          *code,
                        guint                line,
                        const char          *format,
                        ...)
{
  BedsideLintIssue *issue = g_new0 (BedsideLintIssue, 1);
  va_list args;

  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  issue->severity = severity;
  issue->code = g_strdup (code);
  issue->line = line;
  g_ptr_array_add (self->issues, issue);
}

/* A note from a medicine's records file has its line in that file, not
 * in the guideline the issue is reported against: its issue gets line 0
 * and @where says where it is (" (records 'analgesics', line 52)"). */
guint
bedside_lint_recommendation_line (Lint                        *self,
                                  const BedsideRecommendation *rec,
                                  char                       **where)
{
  const BedsideMedicine *medicine;
  const BedsideMedicineSource *source;

  if (rec->record_medicine < 0 || (guint) rec->record_medicine >= self->n_medicines)
    {
      *where = g_strdup ("");
      return rec->line;
    }
  medicine = bedside_guideline_get_medicine (self->guideline, (guint) rec->record_medicine);
  source = bedside_guideline_get_medicine_source (self->guideline, medicine->source);
  *where = g_strdup_printf (" (records '%s', line %u)", source != NULL ? source->id : "?", rec->line);
  return 0;
}

/* ---- collecting dependencies ------------------------------------------ */

void
bedside_lint_collect_begin (Lint *self)
{
  self->collect_gen++;
  g_array_set_size (self->collect_items, 0);
  g_array_set_size (self->collect_defs, 0);
}

static void
collect_item (Lint  *self,
              guint  item)
{
  if (self->item_stamp[item] == self->collect_gen)
    return;
  self->item_stamp[item] = self->collect_gen;
  g_array_append_val (self->collect_items, item);
}

static void
collect_def (Lint  *self,
             guint  def)
{
  if (self->def_stamp[def] == self->collect_gen)
    return;
  self->def_stamp[def] = self->collect_gen;
  g_array_append_val (self->collect_defs, def);
}

void
bedside_lint_collect_deps (Lint       *self,
                           const Deps *deps)
{
  for (guint i = 0; i < deps->n_items; i++)
    collect_item (self, deps->items[i]);
  for (guint i = 0; i < deps->n_defs; i++)
    collect_def (self, deps->defs[i]);
}

gint
bedside_lint_compare_guint (gconstpointer a,
                            gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

Deps *
bedside_lint_collect_end (Lint *self)
{
  Deps *deps = g_new0 (Deps, 1);

  g_array_sort (self->collect_items, bedside_lint_compare_guint);
  deps->n_items = self->collect_items->len;
  deps->items = g_memdup2 (self->collect_items->data, sizeof (guint) * MAX (deps->n_items, 1));
  deps->n_defs = self->collect_defs->len;
  deps->defs = g_memdup2 (self->collect_defs->data, sizeof (guint) * MAX (deps->n_defs, 1));
  return deps;
}

static void
on_symbol (const BedsideSymbol *symbol,
           gpointer             user_data)
{
  Lint *self = user_data;

  if (symbol->is_definition)
    {
      if (symbol->index >= self->n_defs)
        return;
      collect_def (self, symbol->index);
      /* Definitions only read earlier ones, so theirs are known already. */
      if (self->def_deps[symbol->index] != NULL)
        bedside_lint_collect_deps (self, self->def_deps[symbol->index]);
    }
  else if (symbol->index < self->n_items)
    collect_item (self, symbol->index);
}

Deps *
bedside_lint_expr_deps (Lint              *self,
                        const BedsideExpr *expr)
{
  Deps *deps = g_hash_table_lookup (self->deps, expr);

  if (deps == NULL)
    {
      bedside_lint_collect_begin (self);
      bedside_expr_foreach_symbol (expr, on_symbol, self);
      deps = bedside_lint_collect_end (self);
      g_hash_table_insert (self->deps, (gpointer) expr, deps);
    }
  return deps;
}

/* ---- setup ---------------------------------------------------------------- */

static void
collect_definition_reads (const BedsideSymbol *symbol,
                          gpointer             user_data)
{
  if (symbol->is_definition)
    g_array_append_val ((GArray *) user_data, symbol->index);
}

/* A definition usually reads earlier ones only, but the loader appends
 * suitable(MEDICINE) when an expression first uses it, so a definition
 * can read a later one: those it reads are done first. */
static void
compute_definition_deps (Lint  *self,
                         guint  d)
{
  const BedsideDefinition *def = bedside_guideline_get_definition (self->guideline, d);
  g_autoptr(GArray) reads = NULL;

  if (self->def_deps[d] != NULL)
    return;
  if (def->expr == NULL)
    {
      /* Not in a loaded guideline; an empty set keeps lookups safe.
       * The table owns it, keyed by itself. */
      bedside_lint_collect_begin (self);
      self->def_deps[d] = bedside_lint_collect_end (self);
      g_hash_table_insert (self->deps, self->def_deps[d], self->def_deps[d]);
      return;
    }

  reads = g_array_new (FALSE, FALSE, sizeof (guint));
  bedside_expr_foreach_symbol (def->expr, collect_definition_reads, reads);
  for (guint i = 0; i < reads->len; i++)
    {
      guint read = g_array_index (reads, guint, i);

      /* The loader refuses cycles; this only keeps a broken one finite. */
      if (read < self->n_defs && read != d)
        compute_definition_deps (self, read);
    }
  self->def_deps[d] = bedside_lint_expr_deps (self, def->expr);
}

static guint
count_nodes (const BedsideBranch *branch)
{
  guint n = branch->n_children;

  for (guint c = 0; c < branch->n_children; c++)
    {
      const BedsideNode *node = branch->children[c];

      if (node->type == BEDSIDE_NODE_DECISION)
        for (guint b = 0; b < node->n_branches; b++)
          n += count_nodes (node->branches[b]);
    }
  return n;
}

static void
lint_init (Lint             *self,
           BedsideGuideline *guideline)
{
  guint n_branches, universe;

  self->guideline = guideline;
  self->n_items = bedside_guideline_get_n_items (guideline);
  self->n_defs = bedside_guideline_get_n_definitions (guideline);
  self->n_recs = bedside_guideline_get_n_recommendations (guideline);
  self->n_refs = bedside_guideline_get_n_references (guideline);
  self->n_medicines = bedside_guideline_get_n_medicines (guideline);
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_lint_issue_free);

  self->deps = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, deps_free);
  self->def_deps = g_new0 (Deps *, MAX (self->n_defs, 1));
  self->can_stop = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->test_deps = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, deps_free);
  self->item_stamp = g_new0 (guint, MAX (self->n_items, 1));
  self->def_stamp = g_new0 (guint, MAX (self->n_defs, 1));
  self->collect_items = g_array_new (FALSE, FALSE, sizeof (guint));
  self->collect_defs = g_array_new (FALSE, FALSE, sizeof (guint));
  self->closure_stamp = g_new0 (guint, MAX (self->n_items, 1));

  self->domain = g_array_new (FALSE, FALSE, sizeof (BedsideValue));
  self->domain_start = g_new0 (guint, MAX (self->n_items, 1));
  self->domain_len = g_new0 (guint, MAX (self->n_items, 1));
  self->numbers = g_new0 (GArray *, MAX (self->n_items, 1));
  self->texts = g_new0 (GPtrArray *, MAX (self->n_items, 1));
  for (guint i = 0; i < self->n_items; i++)
    {
      self->numbers[i] = g_array_new (FALSE, FALSE, sizeof (double));
      self->texts[i] = g_ptr_array_new_with_free_func (g_free);
    }
  self->inexact = g_new0 (gboolean, MAX (self->n_items, 1));
  self->inexact_line = g_new0 (guint, MAX (self->n_items, 1));
  self->strings = g_ptr_array_new_with_free_func (g_free);

  self->values = g_new0 (BedsideValue, MAX (self->n_items, 1));
  self->def_values = g_new0 (BedsideValue, MAX (self->n_defs, 1));
  self->def_done = g_new0 (guint8, MAX (self->n_defs, 1));
  self->context.items = self->values;
  self->context.definitions = bedside_guideline_get_definition_exprs (guideline);
  self->context.definition_values = self->def_values;
  self->context.definition_done = self->def_done;

  /* At most one atom per branch (its test, or its test being false) and
   * one per node (does not stop), plus one for a condition, plus those of
   * a medicine's record where it is offered. */
  n_branches = bedside_guideline_get_n_branches (guideline);
  self->max_atoms = n_branches + count_nodes (bedside_guideline_get_tree (guideline)) + 2 +
                    bedside_lint_medicines_max_atoms (self);
  universe = self->n_items + self->max_atoms;
  self->parent = g_new (guint, universe);
  self->size = g_new (guint, universe);
  self->next = g_new (guint, universe);
  for (guint i = 0; i < universe; i++)
    {
      self->parent[i] = i;
      self->size[i] = 1;
      self->next[i] = i;
    }
  self->undo = g_array_new (FALSE, FALSE, sizeof (UndoEntry));
  self->atoms = g_new0 (Atom, self->max_atoms);

  self->search_vars = g_array_new (FALSE, FALSE, sizeof (guint));
  self->search_atoms = g_ptr_array_new ();
  self->pos = g_new0 (guint, MAX (self->n_items, 1));
  self->pos_stamp = g_new0 (guint, MAX (self->n_items, 1));
  self->bucket_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->bucket_atoms = g_ptr_array_new ();
  self->early_start = g_array_new (FALSE, FALSE, sizeof (guint));
  self->early_atoms = g_ptr_array_new ();
  self->witness = g_new0 (BedsideValue, MAX (self->n_items, 1));
  self->witness_stamp = g_new0 (guint, MAX (self->n_items, 1));

  self->rec_in_tree = g_new0 (gboolean, MAX (self->n_recs, 1));
  self->rec_reached = g_new0 (gboolean, MAX (self->n_recs, 1));

  /* Definitions first: an expression's dependencies include those of the
   * definitions it reads. */
  for (guint d = 0; d < self->n_defs; d++)
    compute_definition_deps (self, d);

  bedside_lint_medicines_init (self);
}

static void
lint_clear (Lint *self)
{
  g_hash_table_unref (self->deps);
  g_free (self->def_deps);
  g_hash_table_unref (self->can_stop);
  g_hash_table_unref (self->test_deps);
  g_free (self->item_stamp);
  g_free (self->def_stamp);
  g_array_unref (self->collect_items);
  g_array_unref (self->collect_defs);
  g_free (self->closure_stamp);
  g_array_unref (self->domain);
  g_free (self->domain_start);
  g_free (self->domain_len);
  for (guint i = 0; i < self->n_items; i++)
    {
      g_array_unref (self->numbers[i]);
      g_ptr_array_unref (self->texts[i]);
    }
  g_free (self->numbers);
  g_free (self->texts);
  g_free (self->inexact);
  g_free (self->inexact_line);
  g_ptr_array_unref (self->strings);
  g_free (self->values);
  g_free (self->def_values);
  g_free (self->def_done);
  g_free (self->parent);
  g_free (self->size);
  g_free (self->next);
  g_array_unref (self->undo);
  g_free (self->atoms);
  g_array_unref (self->search_vars);
  g_ptr_array_unref (self->search_atoms);
  g_free (self->pos);
  g_free (self->pos_stamp);
  g_array_unref (self->bucket_start);
  g_ptr_array_unref (self->bucket_atoms);
  g_array_unref (self->early_start);
  g_ptr_array_unref (self->early_atoms);
  g_free (self->witness);
  g_free (self->witness_stamp);
  g_free (self->rec_in_tree);
  g_free (self->rec_reached);
  bedside_lint_medicines_clear (self);
}

/* ---- the checks ------------------------------------------------------------ */

static void
check_usage (Lint *self)
{
  g_autofree gboolean *item_used = g_new0 (gboolean, MAX (self->n_items, 1));
  g_autofree gboolean *def_used = g_new0 (gboolean, MAX (self->n_defs, 1));
  guint n_branches = bedside_guideline_get_n_branches (self->guideline);
  GPtrArray *roots = g_ptr_array_new ();

  /* What the guideline reads, from where it reads it: definitions count
   * only through what uses them (their Deps include what they read). */
  for (guint i = 0; i < self->n_items; i++)
    if (get_item (self, i)->enable_when != NULL)
      g_ptr_array_add (roots, get_item (self, i)->enable_when);
  for (guint b = 0; b < n_branches; b++)
    {
      const BedsideBranch *branch = bedside_guideline_get_branch (self->guideline, b);

      if (branch->when != NULL)
        g_ptr_array_add (roots, branch->when);
    }
  for (guint r = 0; r < self->n_recs; r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);

      for (guint k = 0; k < rec->n_contraindications; k++)
        if (rec->contraindications[k].when != NULL)
          g_ptr_array_add (roots, rec->contraindications[k].when);
      for (guint k = 0; k < rec->n_cautions; k++)
        if (rec->cautions[k].when != NULL)
          g_ptr_array_add (roots, rec->cautions[k].when);
    }
  /* A medicine's record is read wherever a recommendation offers it. */
  for (guint m = 0; m < self->n_medicines; m++)
    {
      const BedsideMedicine *medicine = bedside_guideline_get_medicine (self->guideline, m);

      for (guint k = 0; k < medicine->n_against + medicine->n_cautions; k++)
        {
          const BedsideCondition *condition = bedside_lint_medicine_condition (medicine, k);

          if (condition->when != NULL)
            g_ptr_array_add (roots, condition->when);
        }
    }

  for (guint i = 0; i < roots->len; i++)
    {
      const Deps *deps = bedside_lint_expr_deps (self, roots->pdata[i]);

      for (guint k = 0; k < deps->n_items; k++)
        item_used[deps->items[k]] = TRUE;
      for (guint k = 0; k < deps->n_defs; k++)
        def_used[deps->defs[k]] = TRUE;
    }
  g_ptr_array_unref (roots);

  for (guint i = 0; i < self->n_items; i++)
    if (!item_used[i])
      bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unused-item", get_item (self, i)->line,
                              _("item '%s' is asked but never used: no branch test, contraindication, "
                              "caution, medicine record, enable-when or used definition reads it"),
                              get_item (self, i)->id);
  for (guint d = 0; d < self->n_defs; d++)
    if (!def_used[d])
      {
        const BedsideDefinition *def = bedside_guideline_get_definition (self->guideline, d);

        /* suitable(MEDICINE) is made by the loader, not written by the
         * author: nothing to remove. */
        if (strchr (def->id, '(') != NULL)
          continue;
        bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unused-definition", def->line,
                                _("definition '%s' is never used: no branch test, contraindication, "
                                "caution, medicine record, enable-when or used definition reads it"), def->id);
      }
}

static void
check_recommendations (Lint *self)
{
  g_autofree gboolean *cited = g_new0 (gboolean, MAX (self->n_refs, 1));

  for (guint r = 0; r < self->n_recs; r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);
      g_autofree char *where = NULL;
      guint line = bedside_lint_recommendation_line (self, rec, &where);

      if (!self->rec_reached[r] && self->rec_in_tree[r] && rec->n_offers > 0)
        bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-recommendation", line,
                                _("recommendation '%s' is never in a plan: wherever the decision tree "
                                "adds it, a reason against each medicine it offers holds"), rec->id);
      else if (!self->rec_reached[r] && rec->record_medicine >= 0)
        bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-recommendation", line,
                                _("recommendation '%s'%s is never in a plan: no reason against a "
                                "medicine or caution that adds it can hold where the decision tree "
                                "offers the medicine (a caution: with the medicine kept)"), rec->id, where);
      else if (!self->rec_reached[r])
        bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "unreachable-recommendation", line,
                                _("recommendation '%s' is never in a plan: no reachable part of the "
                                "decision tree recommends it, and it is not the note of a "
                                "contraindication or caution that can apply"), rec->id);
      if (rec->n_citations == 0)
        bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "uncited-recommendation", line,
                                _("recommendation '%s'%s cites no reference"), rec->id, where);
      for (guint k = 0; k < rec->n_citations; k++)
        if (rec->citations[k] < self->n_refs)
          cited[rec->citations[k]] = TRUE;
    }

  for (guint i = 0; i < self->n_refs; i++)
    if (!cited[i])
      {
        const BedsideReference *ref = bedside_guideline_get_reference (self->guideline, i);

        bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "uncited-reference", ref->line,
                                _("reference '%s' is not cited by any recommendation"), ref->id);
      }
}

static void
check_readability (Lint *self)
{
  double max_grade = bedside_guideline_get_max_grade (self->guideline);

  if (max_grade < 0)
    return;

  for (guint r = 0; r < self->n_recs; r++)
    {
      const BedsideRecommendation *rec = bedside_guideline_get_recommendation (self->guideline, r);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *where = NULL;
      guint line;
      char grade_text[G_ASCII_DTOSTR_BUF_SIZE];
      char max_text[G_ASCII_DTOSTR_BUF_SIZE];
      double grade;

      /* One text per recommendation: that is what the patient reads
       * together.  A newline ends each part's last sentence (a title has
       * no full stop). */
      for (const BedsideRecommendationField *field = bedside_recommendation_fields; field->element != NULL; field++)
        {
          const char *part = bedside_recommendation_field_get (rec, field);

          if ((field->flags & BEDSIDE_FIELD_READABILITY) && part != NULL)
            g_string_append_printf (text, "%s\n", part);
        }
      if (text->len == 0)
        continue;

      grade = bedside_readability_grade (text->str);
      if (grade <= max_grade)
        continue;
      g_ascii_formatd (grade_text, sizeof grade_text, "%.1f", grade);
      g_ascii_formatd (max_text, sizeof max_text, "%.1f", max_grade);
      line = bedside_lint_recommendation_line (self, rec, &where);
      bedside_lint_add_issue (self, BEDSIDE_LINT_WARNING, "readability", line,
                              _("recommendation '%s'%s: the patient text reads at grade %s, above the "
                              "guideline's limit of %s (use shorter sentences and shorter words)"),
                              rec->id, where, grade_text, max_text);
    }
}

static gint
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const BedsideLintIssue *x = *(BedsideLintIssue * const *) a;
  const BedsideLintIssue *y = *(BedsideLintIssue * const *) b;
  int c;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  c = strcmp (x->code, y->code);
  if (c != 0)
    return c;
  return strcmp (x->message, y->message);
}

GPtrArray *
bedside_lint (BedsideGuideline *guideline)
{
  Lint self = { 0 };
  GPtrArray *issues;

  g_return_val_if_fail (guideline != NULL, NULL);

  lint_init (&self, guideline);
  bedside_lint_check_reachability (&self);
  bedside_lint_medicines_finish (&self);
  check_usage (&self);
  check_recommendations (&self);
  bedside_lint_check_mentions (&self);
  check_readability (&self);

  issues = g_steal_pointer (&self.issues);
  g_ptr_array_sort (issues, compare_issues);
  lint_clear (&self);
  return issues;
}
