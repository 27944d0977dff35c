/* bedside-decisions.c: what the clinician made of a plan, and how a
 * consultation file keeps it. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bedside-consultation.h"
#include "bedside-decisions.h"
#include "bedside-guideline-private.h"

/* Bounds for what a file may hold: a reason is a sentence or two, a note a
 * few paragraphs. */
#define MAX_REASON_BYTES 2048
#define MAX_NOTE_BYTES   16384
#define MAX_NAME_BYTES   256

struct _BedsideDecisions
{
  gatomicrefcount  ref_count;
  GHashTable      *declined;   /* recommendation id → reason ("" when none) */
  char            *note;
  char            *clinician;
};

G_DEFINE_BOXED_TYPE (BedsideDecisions, bedside_decisions, bedside_decisions_ref, bedside_decisions_unref)

BedsideDecisions *
bedside_decisions_new (void)
{
  BedsideDecisions *self = g_new0 (BedsideDecisions, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->declined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

BedsideDecisions *
bedside_decisions_ref (BedsideDecisions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bedside_decisions_unref (BedsideDecisions *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->declined);
  g_free (self->note);
  g_free (self->clinician);
  g_free (self);
}

void
bedside_decisions_decline (BedsideDecisions *self,
                           const char       *recommendation_id,
                           const char       *reason)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (recommendation_id != NULL);

  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  g_hash_table_replace (self->declined, g_strdup (recommendation_id), g_steal_pointer (&stripped));
}

void
bedside_decisions_restore (BedsideDecisions *self,
                           const char       *recommendation_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (recommendation_id != NULL);

  g_hash_table_remove (self->declined, recommendation_id);
}

gboolean
bedside_decisions_is_declined (const BedsideDecisions  *self,
                               const char              *recommendation_id,
                               const char             **reason)
{
  const char *found;

  if (reason != NULL)
    *reason = NULL;
  if (self == NULL || recommendation_id == NULL)
    return FALSE;
  found = g_hash_table_lookup (self->declined, recommendation_id);
  if (found == NULL)
    return FALSE;
  if (reason != NULL && *found != '\0')
    *reason = found;
  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
bedside_decisions_dup_declined (const BedsideDecisions *self)
{
  GPtrArray *ids;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->declined);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  /* Sorted, so that a saved file and a printed list do not depend on hashing. */
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (ids, FALSE);
}

static void
set_text (char       **field,
          const char  *text)
{
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  g_free (*field);
  *field = stripped != NULL && *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

void
bedside_decisions_set_note (BedsideDecisions *self,
                            const char       *note)
{
  g_return_if_fail (self != NULL);
  set_text (&self->note, note);
}

const char *
bedside_decisions_get_note (const BedsideDecisions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->note;
}

void
bedside_decisions_set_clinician (BedsideDecisions *self,
                                 const char       *clinician)
{
  g_return_if_fail (self != NULL);
  set_text (&self->clinician, clinician);
}

const char *
bedside_decisions_get_clinician (const BedsideDecisions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->clinician;
}

void
bedside_decisions_assign (BedsideDecisions       *self,
                          const BedsideDecisions *other)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL);
  if (self == other)
    return;

  g_hash_table_remove_all (self->declined);
  set_text (&self->note, other != NULL ? other->note : NULL);
  set_text (&self->clinician, other != NULL ? other->clinician : NULL);
  if (other == NULL)
    return;
  g_hash_table_iter_init (&iter, other->declined);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->declined, g_strdup (key), g_strdup (value));
}

gboolean
bedside_decisions_is_empty (const BedsideDecisions *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return g_hash_table_size (self->declined) == 0 && self->note == NULL && self->clinician == NULL;
}

/* ---- the file ------------------------------------------------------------ */

void
bedside_decisions_to_json (const BedsideDecisions *self,
                           JsonBuilder            *builder)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  ids = bedside_decisions_dup_declined (self);
  if (ids[0] != NULL)
    {
      json_builder_set_member_name (builder, "decisions");
      json_builder_begin_object (builder);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          const char *reason = g_hash_table_lookup (self->declined, ids[i]);

          json_builder_set_member_name (builder, ids[i]);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "declined");
          json_builder_add_boolean_value (builder, TRUE);
          if (reason != NULL && *reason != '\0')
            {
              json_builder_set_member_name (builder, "reason");
              json_builder_add_string_value (builder, reason);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  if (self->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, self->note);
    }
  if (self->clinician != NULL)
    {
      json_builder_set_member_name (builder, "clinician");
      json_builder_add_string_value (builder, self->clinician);
    }
}

/* A text member: absent is fine; present, it must be text of at most @max bytes. */
static gboolean
read_text (JsonObject  *object,
           const char  *member,
           gsize        max,
           const char **text,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *text = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                   _("\"%s\" must be text"), member);
      return FALSE;
    }
  *text = json_node_get_string (node);
  if (strlen (*text) > max)
    {
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                   _("\"%s\" is too long (at most %u bytes)"), member, (guint) max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_decision (BedsideDecisions  *self,
               const char        *id,
               JsonNode          *node,
               GError           **error)
{
  JsonObject *object;
  JsonNode *declined;
  const char *reason;

  /* The ids a guideline may give a recommendation, and no other. */
  if (!bedside_is_valid_id (id))
    {
      g_autofree char *shown = g_strescape (id, NULL);
      if (strlen (shown) > 60)
        shown[60] = '\0';
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                   _("\"decisions\": \"%s\" is not a recommendation id"), shown);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                   _("\"decisions\": \"%s\" must be an object such as {\"declined\": true, \"reason\": \"…\"}"), id);
      return FALSE;
    }
  object = json_node_get_object (node);
  {
    g_autoptr(GList) members = json_object_get_members (object);

    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, "declined") && !g_str_equal (l->data, "reason"))
        {
          g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                       _("\"decisions\": \"%s\" has an unknown member \"%s\""), id, (const char *) l->data);
          return FALSE;
        }
  }
  declined = json_object_get_member (object, "declined");
  if (declined == NULL || !JSON_NODE_HOLDS_VALUE (declined) || json_node_get_value_type (declined) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                   _("\"decisions\": \"%s\" needs \"declined\": true or false"), id);
      return FALSE;
    }
  if (!read_text (object, "reason", MAX_REASON_BYTES, &reason, error))
    return FALSE;
  if (json_node_get_boolean (declined))
    bedside_decisions_decline (self, id, reason);
  return TRUE;
}

BedsideDecisions *
bedside_decisions_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(BedsideDecisions) self = bedside_decisions_new ();
  JsonNode *node;
  const char *text;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_object_get_member (object, "decisions");
  if (node != NULL)
    {
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                       _("\"decisions\" must be an object of recommendation ids"));
          return NULL;
        }
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        if (!read_decision (self, l->data, json_object_get_member (json_node_get_object (node), l->data), error))
          return NULL;
    }
  if (!read_text (object, "note", MAX_NOTE_BYTES, &text, error))
    return NULL;
  bedside_decisions_set_note (self, text);
  if (!read_text (object, "clinician", MAX_NAME_BYTES, &text, error))
    return NULL;
  bedside_decisions_set_clinician (self, text);
  return g_steal_pointer (&self);
}
