/* bedside-session.c: the answers of one consultation and what follows from them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bedside-guideline-private.h"
#include "bedside-session-private.h"

G_DEFINE_QUARK (bedside-session-error-quark, bedside_session_error)
G_DEFINE_BOXED_TYPE (BedsideSession, bedside_session, bedside_session_ref, bedside_session_unref)

struct _BedsideSession
{
  gatomicrefcount   ref_count;
  BedsideGuideline *guideline;
  guint             n_items;
  BedsideValue     *answers;      /* as given */
  char            **texts;        /* owned storage for text answers */
  BedsideValue     *values;       /* answers of enabled items only */
  gboolean         *enabled;
  BedsideValue     *definition_values;
  guint8           *definition_done;
  guint64           serial;
  BedsideDecisions *decisions;    /* what the clinician made of the plan */
};

BedsideSession *
bedside_session_new (BedsideGuideline *guideline)
{
  BedsideSession *self;
  guint n_definitions;

  g_return_val_if_fail (guideline != NULL, NULL);

  self = g_new0 (BedsideSession, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->guideline = bedside_guideline_ref (guideline);
  self->n_items = bedside_guideline_get_n_items (guideline);
  self->answers = g_new0 (BedsideValue, self->n_items);
  self->texts = g_new0 (char *, self->n_items);
  self->values = g_new0 (BedsideValue, self->n_items);
  self->enabled = g_new0 (gboolean, self->n_items);
  n_definitions = bedside_guideline_get_n_definitions (guideline);
  self->definition_values = g_new0 (BedsideValue, MAX (n_definitions, 1));
  self->definition_done = g_new0 (guint8, MAX (n_definitions, 1));
  self->decisions = bedside_decisions_new ();
  bedside_session_clear (self);
  return self;
}

BedsideSession *
bedside_session_ref (BedsideSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_session_unref (BedsideSession *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_items; i++)
    g_free (self->texts[i]);
  g_free (self->texts);
  g_free (self->answers);
  g_free (self->values);
  g_free (self->enabled);
  g_free (self->definition_values);
  g_free (self->definition_done);
  bedside_decisions_unref (self->decisions);
  bedside_guideline_unref (self->guideline);
  g_free (self);
}

BedsideGuideline *
bedside_session_get_guideline (BedsideSession *self)
{
  return self->guideline;
}

/* Enable-when only looks at earlier items, so one pass in questionnaire
 * order settles every item. */
static void
recompute (BedsideSession *self)
{
  guint n_definitions = bedside_guideline_get_n_definitions (self->guideline);
  BedsideEvalContext context = {
    .items = self->values,
    .definitions = bedside_guideline_get_definition_exprs (self->guideline),
    .definition_values = self->definition_values,
    .definition_done = self->definition_done,
  };

  memset (self->definition_done, 0, MAX (n_definitions, 1));
  for (guint i = 0; i < self->n_items; i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (self->guideline, i);
      gboolean known = TRUE;
      gboolean enabled = TRUE;

      /* Later items read as unknown while this one is decided; a
       * definition evaluated now is cached with those unknowns, so the
       * cache is dropped whenever an item becomes known. */
      self->values[i] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
      if (item->enable_when != NULL)
        {
          enabled = bedside_expr_evaluate_boolean (item->enable_when, &context, &known);
          enabled = enabled && known;
        }
      self->enabled[i] = enabled;
      if (enabled && self->answers[i].state == BEDSIDE_VALUE_KNOWN)
        {
          self->values[i] = self->answers[i];
          memset (self->definition_done, 0, MAX (n_definitions, 1));
        }
    }
  self->serial++;
}

gboolean
bedside_session_check_value (const BedsideItem   *item,
                             const BedsideValue  *value,
                             GError             **error)
{
  if (value->type != item->type &&
      !(item->type == BEDSIDE_TYPE_DECIMAL && value->type == BEDSIDE_TYPE_INTEGER))
    {
      g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                   _("Expected %s, not %s"), bedside_value_type_to_string (item->type),
                   bedside_value_type_to_string ((BedsideValueType) value->type));
      return FALSE;
    }

  switch (item->type)
    {
    case BEDSIDE_TYPE_INTEGER:
    case BEDSIDE_TYPE_DECIMAL:
      {
        double number = value->type == BEDSIDE_TYPE_INTEGER ? (double) value->integer : value->decimal;
        g_autofree char *unit = item->unit ? g_strconcat (" ", item->unit, NULL) : g_strdup ("");

        if (!isfinite (number))
          {
            g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                         _("Not a finite number"));
            return FALSE;
          }
        if ((item->has_min && number < item->min) || (item->has_max && number > item->max))
          {
            if (item->has_min && item->has_max)
              g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_OUT_OF_RANGE,
                           _("%g is out of range (%g to %g%s)"), number, item->min, item->max, unit);
            else if (item->has_min)
              g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_OUT_OF_RANGE,
                           _("%g is below the minimum of %g%s"), number, item->min, unit);
            else
              g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_OUT_OF_RANGE,
                           _("%g is above the maximum of %g%s"), number, item->max, unit);
            return FALSE;
          }
        return TRUE;
      }
    case BEDSIDE_TYPE_CHOICE:
      if (value->code < 0 || (guint) value->code >= item->n_options)
        {
          g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_BAD_CODE,
                       _("Not one of the allowed answers"));
          return FALSE;
        }
      return TRUE;
    case BEDSIDE_TYPE_TEXT:
      if (value->text == NULL || !g_utf8_validate (value->text, -1, NULL))
        {
          g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                       _("Text must be valid UTF-8"));
          return FALSE;
        }
      if (strlen (value->text) > 4096)
        {
          g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_OUT_OF_RANGE,
                       _("Text is too long (at most 4096 bytes)"));
          return FALSE;
        }
      return TRUE;
    case BEDSIDE_TYPE_BOOLEAN:
    case BEDSIDE_TYPE_DATE:
    case BEDSIDE_TYPE_INVALID:
    default:
      return TRUE;
    }
}

gboolean
bedside_session_set_answer (BedsideSession      *self,
                            guint                item_index,
                            const BedsideValue  *value,
                            GError             **error)
{
  if (!bedside_session_store_answer (self, item_index, value, error))
    return FALSE;
  recompute (self);
  return TRUE;
}

void
bedside_session_refresh (BedsideSession *self)
{
  recompute (self);
}

gboolean
bedside_session_store_answer (BedsideSession      *self,
                              guint                item_index,
                              const BedsideValue  *value,
                              GError             **error)
{
  const BedsideItem *item;
  BedsideValue stored;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (item_index < self->n_items, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  item = bedside_guideline_get_item (self->guideline, item_index);
  if (value->state != BEDSIDE_VALUE_KNOWN)
    {
      g_clear_pointer (&self->texts[item_index], g_free);
      self->answers[item_index] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
      return TRUE;
    }
  if (!bedside_session_check_value (item, value, error))
    return FALSE;

  stored = *value;
  if (item->type == BEDSIDE_TYPE_DECIMAL && value->type == BEDSIDE_TYPE_INTEGER)
    {
      stored.type = BEDSIDE_TYPE_DECIMAL;
      stored.decimal = (double) value->integer;
    }
  g_clear_pointer (&self->texts[item_index], g_free);
  if (item->type == BEDSIDE_TYPE_TEXT)
    {
      self->texts[item_index] = g_strdup (value->text);
      stored.text = self->texts[item_index];
    }
  self->answers[item_index] = stored;
  return TRUE;
}

gboolean
bedside_session_set_answer_from_string (BedsideSession  *self,
                                        guint            item_index,
                                        const char      *text,
                                        GError         **error)
{
  const BedsideItem *item;
  BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN };
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (item_index < self->n_items, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  item = bedside_guideline_get_item (self->guideline, item_index);
  stripped = g_strstrip (g_strdup (text));
  value.type = item->type;

  if (*stripped == '\0' && item->type != BEDSIDE_TYPE_TEXT)
    {
      bedside_session_clear_answer (self, item_index);
      return TRUE;
    }

  switch (item->type)
    {
    case BEDSIDE_TYPE_BOOLEAN:
      if (g_ascii_strcasecmp (stripped, "yes") == 0 || g_ascii_strcasecmp (stripped, "true") == 0)
        value.boolean = TRUE;
      else if (g_ascii_strcasecmp (stripped, "no") == 0 || g_ascii_strcasecmp (stripped, "false") == 0)
        value.boolean = FALSE;
      else
        {
          g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                       _("Answer yes or no"));
          return FALSE;
        }
      break;
    case BEDSIDE_TYPE_INTEGER:
      {
        gint64 number;
        g_autoptr(GError) local = NULL;
        if (!g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, &number, &local))
          {
            g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                         _("Enter a whole number"));
            return FALSE;
          }
        value.integer = number;
      }
      break;
    case BEDSIDE_TYPE_DECIMAL:
      {
        char *end = NULL;
        double number = g_ascii_strtod (stripped, &end);
        if (end == stripped || *end != '\0' || !isfinite (number))
          {
            g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                         _("Enter a number"));
            return FALSE;
          }
        value.decimal = number;
      }
      break;
    case BEDSIDE_TYPE_CHOICE:
      value.code = -1;
      for (guint i = 0; i < item->n_options; i++)
        if (g_str_equal (item->options[i].code, stripped))
          value.code = (gint) i;
      if (value.code < 0)
        {
          g_autofree char *codes = g_strjoinv (", ", (char **) item->codes);
          g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_BAD_CODE,
                       _("'%s' is not one of %s"), stripped, codes);
          return FALSE;
        }
      break;
    case BEDSIDE_TYPE_DATE:
      if (!bedside_parse_iso_date (stripped, &value.date))
        {
          g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                       _("Enter a date as YYYY-MM-DD"));
          return FALSE;
        }
      break;
    case BEDSIDE_TYPE_TEXT:
      value.text = text;
      break;
    case BEDSIDE_TYPE_INVALID:
    default:
      g_assert_not_reached ();
    }
  return bedside_session_set_answer (self, item_index, &value, error);
}

void
bedside_session_clear_answer (BedsideSession *self,
                              guint           item_index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (item_index < self->n_items);

  g_clear_pointer (&self->texts[item_index], g_free);
  self->answers[item_index] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
  recompute (self);
}

void
bedside_session_clear (BedsideSession *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n_items; i++)
    {
      g_clear_pointer (&self->texts[i], g_free);
      self->answers[i] = (BedsideValue) BEDSIDE_VALUE_INIT_UNKNOWN;
    }
  g_clear_pointer (&self->decisions, bedside_decisions_unref);
  self->decisions = bedside_decisions_new ();
  recompute (self);
}

BedsideDecisions *
bedside_session_get_decisions (BedsideSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->decisions;
}

const BedsideValue *
bedside_session_get_answer (BedsideSession *self,
                            guint           item_index)
{
  g_return_val_if_fail (item_index < self->n_items, NULL);
  return &self->answers[item_index];
}

const BedsideValue *
bedside_session_get_values (BedsideSession *self)
{
  return self->values;
}

gboolean
bedside_session_is_enabled (BedsideSession *self,
                            guint           item_index)
{
  g_return_val_if_fail (item_index < self->n_items, FALSE);
  return self->enabled[item_index];
}

guint64
bedside_session_get_serial (BedsideSession *self)
{
  return self->serial;
}

char *
bedside_session_validate_item (BedsideSession *self,
                               guint           item_index)
{
  const BedsideItem *item;

  g_return_val_if_fail (item_index < self->n_items, NULL);

  item = bedside_guideline_get_item (self->guideline, item_index);
  if (!self->enabled[item_index])
    return NULL;
  if (item->required && self->answers[item_index].state != BEDSIDE_VALUE_KNOWN)
    return g_strdup ("Required: please answer this question.");
  return NULL;
}

gboolean
bedside_session_section_is_enabled (BedsideSession *self,
                                    guint           section_index)
{
  const BedsideSection *section = bedside_guideline_get_section (self->guideline, section_index);

  for (guint i = section->first_item; i < section->first_item + section->n_items; i++)
    if (self->enabled[i])
      return TRUE;
  return FALSE;
}

gboolean
bedside_session_section_is_valid (BedsideSession *self,
                                  guint           section_index)
{
  const BedsideSection *section = bedside_guideline_get_section (self->guideline, section_index);

  for (guint i = section->first_item; i < section->first_item + section->n_items; i++)
    {
      g_autofree char *message = bedside_session_validate_item (self, i);
      if (message != NULL)
        return FALSE;
    }
  return TRUE;
}

gint
bedside_session_next_section (BedsideSession *self,
                              gint            section)
{
  gint n = (gint) bedside_guideline_get_n_sections (self->guideline);

  for (gint i = MAX (section + 1, 0); i < n; i++)
    if (bedside_session_section_is_enabled (self, (guint) i))
      return i;
  return -1;
}

gint
bedside_session_previous_section (BedsideSession *self,
                                  gint            section)
{
  gint n = (gint) bedside_guideline_get_n_sections (self->guideline);

  for (gint i = MIN (section - 1, n - 1); i >= 0; i--)
    if (bedside_session_section_is_enabled (self, (guint) i))
      return i;
  return -1;
}

GPtrArray *
bedside_session_collect_missing_items (BedsideSession *self)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint i = 0; i < self->n_items; i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (self->guideline, i);
      if (self->enabled[i] && item->required && self->answers[i].state != BEDSIDE_VALUE_KNOWN)
        g_ptr_array_add (missing, (gpointer) item);
    }
  return missing;
}

gboolean
bedside_session_is_complete (BedsideSession *self)
{
  g_autoptr(GPtrArray) missing = bedside_session_collect_missing_items (self);
  return missing->len == 0;
}
