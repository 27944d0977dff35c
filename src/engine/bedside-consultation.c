/* bedside-consultation.c: a consultation saved to a JSON file (atomically) and opened again. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bedside-consultation.h"
#include "bedside-file.h"
#include "bedside-guideline-private.h"
#include "bedside-replace-stream.h"
#include "bedside-session-private.h"

G_DEFINE_QUARK (bedside-consultation-error-quark, bedside_consultation_error)

/* A consultation is a few kilobytes; anything far larger is not one. */
#define CONSULTATION_MAX_SIZE (1024 * 1024)

struct _BedsideConsultation
{
  char           *display_name;
  JsonNode       *root;
  JsonNode       *answers;            /* owned by root */
  char           *guideline_id;
  char           *guideline_version;
  char           *guideline_sha256;   /* NULL if the file does not say */
  BedsidePatient *patient;            /* NULL if the file holds none */
  BedsideDecisions *decisions;        /* format 2; empty for format 1 */
};

/* ---- small types ------------------------------------------------------ */

BedsidePatient *
bedside_patient_new (const char *name,
                     const char *visit_date)
{
  BedsidePatient *patient = g_new0 (BedsidePatient, 1);

  patient->name = g_strdup (name);
  patient->visit_date = g_strdup (visit_date);
  return patient;
}

void
bedside_patient_free (BedsidePatient *patient)
{
  if (patient == NULL)
    return;
  g_free (patient->name);
  g_free (patient->visit_date);
  g_free (patient);
}

gboolean
bedside_patient_visit_date_is_valid (const char *visit_date)
{
  return bedside_parse_iso_date (visit_date, NULL);
}

static BedsideAnswerMismatch *
mismatch_new (const char *item_id,
              const char *message)
{
  BedsideAnswerMismatch *mismatch = g_new0 (BedsideAnswerMismatch, 1);

  mismatch->item_id = g_strdup (item_id);
  mismatch->message = g_strdup (message);
  return mismatch;
}

void
bedside_answer_mismatch_free (BedsideAnswerMismatch *mismatch)
{
  if (mismatch == NULL)
    return;
  g_free (mismatch->item_id);
  g_free (mismatch->message);
  g_free (mismatch);
}

/* ---- saving ----------------------------------------------------------- */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

char *
bedside_consultation_to_data (BedsideSession               *session,
                              const BedsidePatient         *patient,
                              BedsideConsultationSaveFlags  flags,
                              gsize                        *length)
{
  BedsideGuideline *guideline;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  char *data;

  g_return_val_if_fail (session != NULL, NULL);

  guideline = bedside_session_get_guideline (session);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, BEDSIDE_CONSULTATION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, BEDSIDE_CONSULTATION_FORMAT_VERSION);

  json_builder_set_member_name (builder, "guideline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, bedside_guideline_get_id (guideline));
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, bedside_guideline_get_version (guideline));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, bedside_guideline_get_sha256 (guideline));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "answers");
  json_builder_add_value (builder, bedside_session_answers_to_json (session));
  bedside_decisions_to_json (bedside_session_get_decisions (session), builder);

  if ((flags & BEDSIDE_CONSULTATION_SAVE_INCLUDE_PATIENT) && patient != NULL &&
      (has_text (patient->name) || has_text (patient->visit_date)))
    {
      json_builder_set_member_name (builder, "patient");
      json_builder_begin_object (builder);
      if (has_text (patient->name))
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, patient->name);
        }
      if (has_text (patient->visit_date))
        {
          json_builder_set_member_name (builder, "visit-date");
          json_builder_add_string_value (builder, patient->visit_date);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  data = g_strconcat (text, "\n", NULL);
  if (length != NULL)
    *length = strlen (data);
  return data;
}

gboolean
bedside_consultation_save (BedsideSession               *session,
                           const BedsidePatient         *patient,
                           BedsideConsultationSaveFlags  flags,
                           const char                   *path,
                           GError                      **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A temporary file in the same folder, flushed to the disk, and only
   * then renamed over @path: a crash or a full disk leaves either the old
   * file or the new one, never a mixture; mode 0600, as it may carry the
   * patient's name; temporary files of interrupted saves are removed. */
  data = bedside_consultation_to_data (session, patient, flags, &length);
  if (!bedside_file_replace_contents (path, data, length, &local_error))
    {
      g_set_error_literal (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_IO, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- reading ---------------------------------------------------------- */

void
bedside_consultation_free (BedsideConsultation *self)
{
  if (self == NULL)
    return;
  g_free (self->display_name);
  g_clear_pointer (&self->root, json_node_unref);
  g_free (self->guideline_id);
  g_free (self->guideline_version);
  g_free (self->guideline_sha256);
  bedside_patient_free (self->patient);
  g_clear_pointer (&self->decisions, bedside_decisions_unref);
  g_free (self);
}

G_GNUC_PRINTF (3, 4)
static void
set_damaged (GError     **error,
             const char  *name,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
               _("%s: %s"), name, message);
}

/* A string member, or NULL with the error set when it has another type. */
static gboolean
get_string_member (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   const char  *where,
                   const char  *name,
                   const char **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        set_damaged (error, name, _("%s has no \"%s\""), where, member);
      return !required;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_damaged (error, name, _("\"%s\" in %s must be text"), member, where);
      return FALSE;
    }
  *out = json_node_get_string (node);
  /* The file is UTF-8, but an escape of half a surrogate pair ("\ud800")
   * decodes to bytes that are not: such a name would be printed garbled and
   * saved in a file Bedside cannot open again (found by fuzz-consultation). */
  if (!g_utf8_validate (*out, -1, NULL))
    {
      *out = NULL;
      set_damaged (error, name, _("\"%s\" in %s is not valid text"), member, where);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

BedsideConsultation *
bedside_consultation_read_data (const char  *data,
                                gssize       length,
                                const char  *display_name,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *name = display_name ? display_name : "<consultation>";

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (length > CONSULTATION_MAX_SIZE)
    {
      set_damaged (error, name, _("the file is too large for a consultation (the limit is %d MiB)"),
                   CONSULTATION_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  {
    g_autoptr(JsonNode) root = bedside_answers_data_read (data, length, name, &local_error);

    if (root == NULL)
      {
        /* Already names the file and, where it can, the line. */
        g_set_error_literal (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                             local_error->message);
        return NULL;
      }
    return bedside_consultation_new_from_json (root, name, error);
  }
}

/* The optional "patient" (format 1) and the clinician's decisions
 * (format 2; a format 1 file has none, which reads as none). */
static gboolean
read_patient_and_decisions (BedsideConsultation  *self,
                            JsonObject           *object,
                            const char           *name,
                            GError              **error)
{
  JsonNode *node;

  node = json_object_get_member (object, "patient");
  if (node != NULL)
    {
      const char *patient_name, *visit_date;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_damaged (error, name, _("\"patient\" must be an object"));
          return FALSE;
        }
      if (!get_string_member (json_node_get_object (node), "name", FALSE, "\"patient\"", name,
                              &patient_name, error) ||
          !get_string_member (json_node_get_object (node), "visit-date", FALSE, "\"patient\"", name,
                              &visit_date, error))
        return FALSE;
      self->patient = bedside_patient_new (patient_name, visit_date);
    }

  /* Format 1 has no decisions; reading the members it does not have
   * gives none. */
  {
    g_autoptr(GError) local_error = NULL;

    self->decisions = bedside_decisions_new_from_json (object, &local_error);
    if (self->decisions == NULL)
      {
        set_damaged (error, name, "%s", local_error->message);
        return FALSE;
      }
  }

  return TRUE;
}

BedsideConsultation *
bedside_consultation_new_from_json (JsonNode    *root,
                                    const char  *display_name,
                                    GError     **error)
{
  g_autoptr(BedsideConsultation) self = g_new0 (BedsideConsultation, 1);
  const char *name = display_name ? display_name : "<consultation>";
  JsonObject *object, *guideline;
  JsonNode *node;
  const char *text;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->display_name = g_strdup (name);
  self->root = json_node_copy (root);
  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    {
      set_damaged (error, name, _("not a Bedside consultation (expected a JSON object)"));
      return NULL;
    }
  object = json_node_get_object (self->root);

  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), BEDSIDE_CONSULTATION_FORMAT))
    {
      set_damaged (error, name, _("not a Bedside consultation (\"format\" must be \"%s\")"),
                   BEDSIDE_CONSULTATION_FORMAT);
      return NULL;
    }

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    {
      set_damaged (error, name, _("\"version\" must be a whole number from 1"));
      return NULL;
    }
  if (json_node_get_int (node) > BEDSIDE_CONSULTATION_FORMAT_VERSION)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_NEWER_FORMAT,
                   _("%s: made by a newer version of Bedside (consultation format %s; this version reads format %d)"),
                   name, version, BEDSIDE_CONSULTATION_FORMAT_VERSION);
      return NULL;
    }

  node = json_object_get_member (object, "guideline");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_damaged (error, name, _("\"guideline\" must be an object with the guideline's id, version and sha256"));
      return NULL;
    }
  guideline = json_node_get_object (node);
  if (!get_string_member (guideline, "id", TRUE, "\"guideline\"", name, &text, error))
    return NULL;
  if (!bedside_is_valid_id (text))
    {
      set_damaged (error, name, _("\"id\" in \"guideline\" is not a guideline id"));
      return NULL;
    }
  self->guideline_id = g_strdup (text);
  if (!get_string_member (guideline, "version", TRUE, "\"guideline\"", name, &text, error))
    return NULL;
  self->guideline_version = g_strdup (text);
  if (!get_string_member (guideline, "sha256", FALSE, "\"guideline\"", name, &text, error))
    return NULL;
  if (text != NULL && !is_sha256 (text))
    {
      set_damaged (error, name, _("\"sha256\" in \"guideline\" is not a SHA-256 checksum"));
      return NULL;
    }
  self->guideline_sha256 = g_ascii_strdown (text ? text : "", -1);
  if (*self->guideline_sha256 == '\0')
    g_clear_pointer (&self->guideline_sha256, g_free);

  self->answers = json_object_get_member (object, "answers");
  if (self->answers == NULL || !JSON_NODE_HOLDS_OBJECT (self->answers))
    {
      set_damaged (error, name, _("\"answers\" must be an object of item ids and answers"));
      return NULL;
    }

  if (!read_patient_and_decisions (self, object, name, error))
    return NULL;

  return g_steal_pointer (&self);
}

BedsideConsultation *
bedside_consultation_read (const char  *path,
                           GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!bedside_file_read (path, CONSULTATION_MAX_SIZE, BEDSIDE_FILE_READ_REGULAR, &contents, &length,
                          &local_error))
    {
      g_set_error_literal (error, BEDSIDE_CONSULTATION_ERROR,
                           g_error_matches (local_error, BEDSIDE_FILE_ERROR, BEDSIDE_FILE_ERROR_TOO_LARGE)
                             ? BEDSIDE_CONSULTATION_ERROR_DAMAGED : BEDSIDE_CONSULTATION_ERROR_IO,
                           local_error->message);
      return NULL;
    }
  return bedside_consultation_read_data (contents, (gssize) length, path, error);
}

const char *
bedside_consultation_get_guideline_id (BedsideConsultation *self)
{
  return self->guideline_id;
}

const char *
bedside_consultation_get_guideline_version (BedsideConsultation *self)
{
  return self->guideline_version;
}

const char *
bedside_consultation_get_guideline_sha256 (BedsideConsultation *self)
{
  return self->guideline_sha256;
}

const BedsidePatient *
bedside_consultation_get_patient (BedsideConsultation *self)
{
  return self->patient;
}

gboolean
bedside_consultation_matches (BedsideConsultation *self,
                              BedsideGuideline    *guideline)
{
  g_return_val_if_fail (self != NULL && guideline != NULL, FALSE);

  if (g_strcmp0 (self->guideline_id, bedside_guideline_get_id (guideline)) != 0 ||
      g_strcmp0 (self->guideline_version, bedside_guideline_get_version (guideline)) != 0)
    return FALSE;
  /* A file without a checksum trusts the version number alone. */
  return self->guideline_sha256 == NULL ||
         g_strcmp0 (self->guideline_sha256, bedside_guideline_get_sha256 (guideline)) == 0;
}

/* ---- restoring -------------------------------------------------------- */

/* The file's decisions, for the recommendations @guideline still has; a
 * declined recommendation it no longer has is listed in @found. */
static void
restore_decisions (BedsideConsultation *self,
                   BedsideGuideline    *guideline,
                   BedsideDecisions    *decisions,
                   GPtrArray           *found)
{
  g_auto(GStrv) declined = bedside_decisions_dup_declined (self->decisions);

  bedside_decisions_assign (decisions, self->decisions);
  for (guint i = 0; declined[i] != NULL; i++)
    if (bedside_guideline_lookup_recommendation (guideline, declined[i]) == NULL)
      {
        g_ptr_array_add (found, mismatch_new (declined[i],
                                              _("declined, but no longer a recommendation of the guideline")));
        bedside_decisions_restore (decisions, declined[i]);
      }
}

char *
bedside_consultation_describe_guideline_change (BedsideConsultation *self,
                                                BedsideGuideline    *guideline)
{
  const char *sha256 = bedside_guideline_get_sha256 (guideline);

  g_return_val_if_fail (self != NULL && guideline != NULL, NULL);

  if (bedside_consultation_matches (self, guideline))
    return NULL;
  if (g_strcmp0 (self->guideline_version, bedside_guideline_get_version (guideline)) != 0)
    return g_strdup_printf (_("%s: saved with version %s of the guideline '%s'; this is version %s: "
                              "check the answers and the plan"),
                            self->display_name, self->guideline_version, self->guideline_id,
                            bedside_guideline_get_version (guideline));
  return g_strdup_printf (_("%s: saved with another file of the guideline '%s' %s (sha256 %.12s, now %.12s): "
                            "check the answers and the plan"),
                          self->display_name, self->guideline_id, self->guideline_version,
                          self->guideline_sha256 ? self->guideline_sha256 : "unknown",
                          sha256 ? sha256 : "");
}

BedsideSession *
bedside_consultation_restore (BedsideConsultation  *self,
                              BedsideGuideline     *guideline,
                              GPtrArray           **mismatches,
                              GError              **error)
{
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) fitting_root = NULL;
  g_autoptr(JsonObject) fitting = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (guideline != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mismatches != NULL)
    *mismatches = NULL;
  if (!g_str_equal (self->guideline_id, bedside_guideline_get_id (guideline)))
    {
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_OTHER_GUIDELINE,
                   _("%s: this consultation was made with the guideline '%s', not '%s'"),
                   self->display_name, self->guideline_id, bedside_guideline_get_id (guideline));
      return NULL;
    }

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) bedside_answer_mismatch_free);
  session = bedside_session_new (guideline);
  restore_decisions (self, guideline, bedside_session_get_decisions (session), found);
  if (found->len == 0 &&
      bedside_session_load_answers_json_full (session, self->answers, self->display_name,
                                              BEDSIDE_ANSWERS_LOAD_KEEP_HIDDEN, &local_error))
    {
      if (mismatches != NULL)
        *mismatches = g_steal_pointer (&found);
      return g_steal_pointer (&session);
    }

  /* Saved with this very guideline, yet the answers or decisions do not
   * fit it: the file was changed or damaged since, so none of it can be
   * trusted. */
  if (bedside_consultation_matches (self, guideline))
    {
      g_set_error (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                   _("%s: the answers do not fit the guideline they were saved with:\n%s"),
                   self->display_name,
                   local_error != NULL ? local_error->message
                                       : ((BedsideAnswerMismatch *) found->pdata[0])->message);
      return NULL;
    }

  /* Another version of the guideline: keep every answer that still fits. */
  fitting = json_object_new ();
  json_object_iter_init (&iter, json_node_get_object (self->answers));
  while (json_object_iter_next (&iter, &member, &value))
    {
      const BedsideItem *item = bedside_guideline_lookup_item (guideline, member);
      g_autoptr(GError) why = NULL;

      if (item == NULL)
        g_ptr_array_add (found, mismatch_new (member, _("no longer in the guideline")));
      else if (!bedside_answers_check_value (item, value, &why))
        g_ptr_array_add (found, mismatch_new (member, why->message));
      else
        json_object_set_member (fitting, member, json_node_copy (value));
    }

  fitting_root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (fitting_root, fitting);
  g_clear_error (&local_error);
  if (!bedside_session_load_answers_json_full (session, fitting_root, self->display_name,
                                               BEDSIDE_ANSWERS_LOAD_KEEP_HIDDEN, &local_error))
    {
      g_set_error_literal (error, BEDSIDE_CONSULTATION_ERROR, BEDSIDE_CONSULTATION_ERROR_DAMAGED,
                           local_error->message);
      return NULL;
    }
  if (mismatches != NULL)
    *mismatches = g_steal_pointer (&found);
  return g_steal_pointer (&session);
}

gboolean
bedside_consultation_load (BedsideSession  *session,
                           const char      *path,
                           BedsidePatient **patient,
                           GPtrArray      **mismatches,
                           GError         **error)
{
  g_autoptr(BedsideConsultation) consultation = NULL;
  g_autoptr(BedsideSession) loaded = NULL;
  BedsideGuideline *guideline;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (patient != NULL)
    *patient = NULL;
  if (mismatches != NULL)
    *mismatches = NULL;

  /* Everything is read and checked in a session of its own; @session
   * changes only once all of it succeeded. */
  consultation = bedside_consultation_read (path, error);
  if (consultation == NULL)
    return FALSE;
  guideline = bedside_session_get_guideline (session);
  loaded = bedside_consultation_restore (consultation, guideline, mismatches, error);
  if (loaded == NULL)
    return FALSE;

  /* The same guideline accepted each of these a moment ago. */
  for (guint i = 0; i < bedside_guideline_get_n_items (guideline); i++)
    if (!bedside_session_store_answer (session, i, bedside_session_get_answer (loaded, i), NULL))
      g_return_val_if_reached (FALSE);
  bedside_session_refresh (session);
  bedside_decisions_assign (bedside_session_get_decisions (session), bedside_session_get_decisions (loaded));

  if (patient != NULL && consultation->patient != NULL)
    *patient = bedside_patient_new (consultation->patient->name, consultation->patient->visit_date);
  return TRUE;
}
