/* bedside-guideline-loader-medicines-compile.c: compiles medicine records in a guideline's names, and suitable(MEDICINE). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-guideline-loader-medicines-private.h"

void
bedside_medicine_state_free (MedicineState *state)
{
  g_free (state->file_name);
  g_clear_pointer (&state->map, g_hash_table_unref);
  g_ptr_array_unref (state->against_sources);
  g_ptr_array_unref (state->caution_sources);
  g_ptr_array_unref (state->caution_with);
  g_free (state);
}


/* Compiles a medicine's conditions, as its records file wrote them, in the
 * guideline's names (through the file's map). */
static gboolean
compile_medicine (Loader *loader,
                  guint   index)
{
  BedsideMedicine *medicine = loader->guideline->medicines->pdata[index];
  MedicineState *state = loader->medicine_states->pdata[index];
  const char *saved_name = loader->name;
  GHashTable *saved_map = loader->name_map;
  gint saved_item = loader->current_item;
  gboolean saved_cascade = loader->cascade;
  gboolean saved_in_record = loader->in_record;
  guint errors_before = loader->n_errors;

  if (state->compiled)
    return !state->compiling;
  state->compiled = state->compiling = TRUE;
  loader->name = state->file_name;
  loader->name_map = state->map;
  loader->current_item = -1;
  loader->in_record = TRUE;
  for (guint c = 0; c < medicine->n_against; c++)
    {
      g_autofree char *what = g_strdup_printf ("a reason against '%s'", medicine->id);
      medicine->against[c].when = bedside_loader_compile_expression (loader, state->against_sources->pdata[c],
                                                                     medicine->against[c].line, what, TRUE);
    }
  for (guint c = 0; c < medicine->n_cautions; c++)
    {
      g_autofree char *what = g_strdup_printf ("a caution of '%s'", medicine->id);
      if (state->caution_sources->pdata[c] != NULL)
        medicine->cautions[c].when = bedside_loader_compile_expression (loader, state->caution_sources->pdata[c],
                                                                        medicine->cautions[c].line, what, TRUE);
    }
  loader->name = saved_name;
  loader->name_map = saved_map;
  loader->current_item = saved_item;
  loader->cascade = saved_cascade;
  loader->in_record = saved_in_record;
  state->compiling = FALSE;
  return loader->n_errors == errors_before;
}

void
bedside_loader_compile_medicines (Loader *loader)
{
  for (guint m = 0; m < loader->guideline->medicines->len; m++)
    compile_medicine (loader, m);
}

typedef struct
{
  BedsideGuideline *guideline;
  gint              last_item;
} LastItem;

static void
find_last_item (const BedsideSymbol *symbol,
                gpointer             user_data)
{
  LastItem *data = user_data;
  gint index;

  if (symbol->is_definition)
    index = ((BedsideDefinition *) data->guideline->definitions->pdata[symbol->index])->last_item;
  else
    index = (gint) symbol->index;
  data->last_item = MAX (data->last_item, index);
}

NameTarget *
bedside_loader_define_suitable (Loader      *loader,
                                const char  *medicine_id,
                                GError     **error)
{
  BedsideGuideline *g = loader->guideline;
  BedsideMedicine *medicine = g_hash_table_lookup (g->medicine_ids, medicine_id);
  MedicineState *state;
  g_autoptr(GString) source = NULL;
  BedsideDefinition *def;
  NameTarget *target;
  BedsideExpr *expr;
  const char *saved_name = loader->name;
  GHashTable *saved_map = loader->name_map;
  gint saved_item = loader->current_item;
  gboolean saved_in_record = loader->in_record;
  LastItem last = { g, -1 };

  if (medicine == NULL)
    {
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                   _("suitable(%s): '%s' is not a medicine the guideline uses (<medicines> <use>)"),
                   medicine_id, medicine_id);
      return NULL;
    }
  state = loader->medicine_states->pdata[medicine->index];
  if (!compile_medicine (loader, medicine->index))
    {
      loader->cascade = TRUE;
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                   _("the record of '%s' has errors"), medicine_id);
      return NULL;
    }

  /* suitable(M) = not (reason 1 or reason 2 or ...), in the record's names. */
  source = g_string_new (NULL);
  if (medicine->n_against == 0)
    g_string_append (source, "true");
  else
    {
      g_string_append (source, "not (");
      for (guint c = 0; c < medicine->n_against; c++)
        g_string_append_printf (source, "%s(%s)", c > 0 ? " or " : "",
                                (const char *) state->against_sources->pdata[c]);
      g_string_append (source, ")");
    }
  loader->name = state->file_name;
  loader->name_map = state->map;
  loader->current_item = -1;
  loader->in_record = TRUE;
  {
    gboolean saved_cascade = loader->cascade;
    expr = bedside_loader_compile_expression (loader, source->str, medicine->line, "suitable()", TRUE);
    loader->cascade = saved_cascade;
  }
  loader->name = saved_name;
  loader->name_map = saved_map;
  loader->current_item = saved_item;
  loader->in_record = saved_in_record;
  if (expr == NULL)
    {
      loader->cascade = TRUE;
      g_set_error (error, BEDSIDE_EXPR_ERROR, BEDSIDE_EXPR_ERROR_UNUSABLE_NAME,
                   _("the record of '%s' has errors"), medicine_id);
      return NULL;
    }

  def = g_new0 (BedsideDefinition, 1);
  def->id = g_strdup_printf ("suitable(%s)", medicine_id);
  def->line = medicine->line;
  def->index = g->definitions->len;
  def->expr = expr;
  bedside_expr_foreach_symbol (expr, find_last_item, &last);
  def->last_item = last.last_item;
  g_ptr_array_add (g->definitions, def);
  g_ptr_array_add (g->definition_exprs, expr);

  target = g_new0 (NameTarget, 1);
  target->is_definition = TRUE;
  target->index = def->index;
  target->line = def->line;
  g_hash_table_insert (g->names, def->id, target);
  return target;
}
