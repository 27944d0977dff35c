/* bedside-session-json.c: a session's answers as JSON: answers files read strictly into a session, and written back. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "bedside-consultation.h"
#include "bedside-file.h"
#include "bedside-guideline-private.h"
#include "bedside-json-strict.h"
#include "bedside-session-private.h"


/* Every JSON text an answers file, a batch line or a consultation holds is
 * read by the strict RFC 8259 tokenizer before json-glib builds a tree. */
static JsonNode *
answers_read (const char  *data,
              gssize       length,
              const char  *name,
              guint        first_line,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length < 0)
    length = (gssize) strlen (data);
  if (length > BEDSIDE_ANSWERS_MAX_SIZE)
    {
      g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID,
                   _("%s: the file is too large (the limit is %d MiB)"), name, BEDSIDE_ANSWERS_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  root = bedside_json_parse_strict (data, (gsize) length, name, first_line, BEDSIDE_JSON_STRICT_DEFAULT,
                                    &local_error);
  if (root == NULL)
    {
      /* Already names the file, the line and the column. */
      g_set_error_literal (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID, local_error->message);
      return NULL;
    }
  return root;
}

JsonNode *
bedside_answers_data_read (const char  *data,
                           gssize       length,
                           const char  *display_name,
                           GError     **error)
{
  return answers_read (data, length, display_name ? display_name : "<answers>", 1, error);
}

JsonNode *
bedside_answers_line_read (const char  *data,
                           gssize       length,
                           const char  *file_name,
                           guint        line,
                           GError     **error)
{
  return answers_read (data, length, file_name ? file_name : "<answers>", line, error);
}

JsonNode *
bedside_answers_file_read_full (const char            *path,
                                BedsideFileReadFlags   flags,
                                GError               **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!bedside_file_read (path, BEDSIDE_ANSWERS_MAX_SIZE, flags, &contents, &length, &local_error))
    {
      g_set_error_literal (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID, local_error->message);
      return NULL;
    }
  return bedside_answers_data_read (contents, (gssize) length, path, error);
}

JsonNode *
bedside_answers_file_read (const char  *path,
                           GError     **error)
{
  return bedside_answers_file_read_full (path, BEDSIDE_FILE_READ_REGULAR, error);
}

static const char *
json_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("a list");
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return _("true/false");
        case G_TYPE_INT64: return _("a whole number");
        case G_TYPE_DOUBLE: return _("a number");
        case G_TYPE_STRING: return _("text");
        default: return _("a value");
        }
    default:
      return _("a value");
    }
}

static const char *
expected_kind (const BedsideItem *item)
{
  switch (item->type)
    {
    case BEDSIDE_TYPE_BOOLEAN: return _("true or false");
    case BEDSIDE_TYPE_INTEGER: return _("a whole number");
    case BEDSIDE_TYPE_DECIMAL: return _("a number");
    case BEDSIDE_TYPE_CHOICE: return _("one of the codes as text");
    case BEDSIDE_TYPE_TEXT: return _("text");
    case BEDSIDE_TYPE_DATE: return "a date as \"YYYY-MM-DD\"";
    case BEDSIDE_TYPE_INVALID:
    default: return _("a value");
    }
}

/* What is wrong with an answers file, one line each: the first
 * BEDSIDE_ANSWERS_MAX_ERRORS, then only counted, so that 200,000 unknown
 * keys make one screen of messages, not 13 MB. */
typedef struct
{
  GString *text;
  guint    count;
} Problems;

G_GNUC_PRINTF (2, 3)
static void
add_problem (Problems   *problems,
             const char *format,
             ...)
{
  va_list args;

  if (problems->count++ >= BEDSIDE_ANSWERS_MAX_ERRORS)
    return;
  va_start (args, format);
  g_string_append_vprintf (problems->text, format, args);
  va_end (args);
}

/* Converts one JSON value to the item's type; the error says why not,
 * without the file's name or the item's id. */
static gboolean
json_to_value (const BedsideItem  *item,
               JsonNode           *node,
               BedsideValue       *value,
               GError            **error)
{
  GType vtype = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  value->state = BEDSIDE_VALUE_KNOWN;
  value->type = item->type;

  switch (item->type)
    {
    case BEDSIDE_TYPE_BOOLEAN:
      if (vtype == G_TYPE_BOOLEAN)
        {
          value->boolean = json_node_get_boolean (node);
          return TRUE;
        }
      break;
    case BEDSIDE_TYPE_INTEGER:
      if (vtype == G_TYPE_INT64)
        {
          value->integer = json_node_get_int (node);
          return TRUE;
        }
      break;
    case BEDSIDE_TYPE_DECIMAL:
      if (vtype == G_TYPE_INT64 || vtype == G_TYPE_DOUBLE)
        {
          value->decimal = json_node_get_double (node);
          if (!isfinite (value->decimal))
            {
              g_set_error_literal (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
                                   _("not a finite number"));
              return FALSE;
            }
          return TRUE;
        }
      break;
    case BEDSIDE_TYPE_CHOICE:
      if (vtype == G_TYPE_STRING)
        {
          const char *code = json_node_get_string (node);
          for (guint i = 0; i < item->n_options; i++)
            if (g_str_equal (item->options[i].code, code))
              {
                value->code = (gint) i;
                return TRUE;
              }
          {
            g_autofree char *codes = g_strjoinv (", ", (char **) item->codes);
            g_autofree char *shown = g_strescape (code, NULL);
            if (strlen (shown) > 60)
              shown[60] = '\0';
            g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_BAD_CODE,
                         _("\"%s\" is not one of %s"), shown, codes);
          }
          return FALSE;
        }
      break;
    case BEDSIDE_TYPE_TEXT:
      if (vtype == G_TYPE_STRING)
        {
          value->text = json_node_get_string (node);
          return TRUE;
        }
      break;
    case BEDSIDE_TYPE_DATE:
      if (vtype == G_TYPE_STRING && bedside_parse_iso_date (json_node_get_string (node), &value->date))
        return TRUE;
      break;
    case BEDSIDE_TYPE_INVALID:
    default:
      break;
    }

  g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE,
               _("expected %s, not %s"), expected_kind (item), json_kind (node));
  return FALSE;
}

gboolean
bedside_answers_check_value (const BedsideItem  *item,
                             JsonNode           *node,
                             GError            **error)
{
  BedsideValue value;

  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return json_to_value (item, node, &value, error) &&
         bedside_session_check_value (item, &value, error);
}

static gboolean
session_has_missing (BedsideSession *self)
{
  g_autoptr(GPtrArray) missing = bedside_session_collect_missing_items (self);

  return missing != NULL && missing->len > 0;
}

gboolean
bedside_session_load_answers_json (BedsideSession  *self,
                                   JsonNode        *root,
                                   const char      *display_name,
                                   GError         **error)
{
  return bedside_session_load_answers_json_full (self, root, display_name, BEDSIDE_ANSWERS_LOAD_DEFAULT, error);
}

/* A saved consultation: the consultation reader's checks (format, version,
 * guideline, …), as when the app opens the file, and then that it was made
 * with @guideline.  Sets @answers to its answers (owned by @root). */
static gboolean
consultation_answers (BedsideGuideline  *guideline,
                      JsonNode          *root,
                      const char        *name,
                      JsonObject       **answers,
                      GError           **error)
{
  g_autoptr(BedsideConsultation) consultation = NULL;
  const char *id;

  consultation = bedside_consultation_new_from_json (root, name, error);
  if (consultation == NULL)
    return FALSE;
  /* The reader has checked that "guideline" holds an id, and that
   * "answers" is an object. */
  id = bedside_consultation_get_guideline_id (consultation);
  if (g_strcmp0 (id, bedside_guideline_get_id (guideline)) != 0)
    {
      g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID,
                   _("%s: this consultation was made with the guideline '%s', not '%s'"),
                   name, id, bedside_guideline_get_id (guideline));
      return FALSE;
    }
  *answers = json_node_get_object (json_object_get_member (json_node_get_object (root), "answers"));
  return TRUE;
}

/* Checks and stores each answer, without recomputing the session; in the
 * file's order, so that the first problems listed are the first in the
 * file. */
static void
store_answers (BedsideSession *self,
               JsonObject     *answers,
               const char     *name,
               Problems       *problems)
{
  BedsideGuideline *guideline = bedside_session_get_guideline (self);
  g_autoptr(GList) members = json_object_get_members (answers);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *node = json_object_get_member (answers, member);
      const BedsideItem *item = bedside_guideline_lookup_item (guideline, member);
      g_autoptr(GError) local = NULL;
      BedsideValue value;

      if (item == NULL)
        {
          g_autofree char *shown = g_strescape (member, NULL);
          if (strlen (shown) > 60)
            shown[60] = '\0';
          add_problem (problems, _("%s: \"%s\" is not an item of the guideline '%s'\n"),
                                  name, shown, bedside_guideline_get_id (guideline));
          continue;
        }
      if (!json_to_value (item, node, &value, &local) ||
          !bedside_session_store_answer (self, item->index, &value, &local))
        add_problem (problems, _("%s: %s: %s\n"), name, item->id, local->message);
    }
}

/* An answer to a question these answers do not ask would be dropped
 * without a word: whoever wrote it thought it counted.  While required
 * answers are missing, whether a question is asked may not be known yet:
 * the missing answers are the error then (the caller reports them), and
 * this check comes once they are given.  Recomputes the session. */
static void
check_hidden_answers (BedsideSession *self,
                      const char     *name,
                      Problems       *problems)
{
  BedsideGuideline *guideline = bedside_session_get_guideline (self);

  bedside_session_refresh (self);
  if (session_has_missing (self))
    return;
  for (guint i = 0; i < bedside_guideline_get_n_items (guideline); i++)
    if (bedside_session_get_answer (self, i)->state == BEDSIDE_VALUE_KNOWN &&
        !bedside_session_is_enabled (self, i))
      add_problem (problems, _("%s: %s: answered, but these answers do not ask it (its enable-when is not true)\n"),
                   name, bedside_guideline_get_item (guideline, i)->id);
}

gboolean
bedside_session_load_answers_json_full (BedsideSession          *self,
                                        JsonNode                *root,
                                        const char              *display_name,
                                        BedsideAnswersLoadFlags  flags,
                                        GError                 **error)
{
  g_autoptr(GString) problem_text = g_string_new (NULL);
  Problems problems = { problem_text, 0 };
  const char *name = display_name ? display_name : "<answers>";
  JsonObject *answers;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID,
                   _("%s: expected a JSON object mapping item ids to answers"), name);
      return FALSE;
    }
  answers = json_node_get_object (root);
  if (json_object_has_member (answers, "format"))
    {
      if (!consultation_answers (bedside_session_get_guideline (self), root, name, &answers, error))
        return FALSE;
      /* A saved consultation keeps what was answered before a later
       * answer hid the question, so that it comes back if the question
       * does (bedside_session_answers_to_json). */
      flags |= BEDSIDE_ANSWERS_LOAD_KEEP_HIDDEN;
    }

  /* Everything is validated before the session is recomputed, and a bad
   * file leaves no answer behind. */
  store_answers (self, answers, name, &problems);
  if (problems.count == 0 && !(flags & BEDSIDE_ANSWERS_LOAD_KEEP_HIDDEN))
    check_hidden_answers (self, name, &problems);

  if (problems.count > 0)
    {
      bedside_session_clear (self);
      if (problems.count > BEDSIDE_ANSWERS_MAX_ERRORS)
        g_string_append_printf (problems.text, "%s: … and %u more errors", name,
                                problems.count - BEDSIDE_ANSWERS_MAX_ERRORS);
      g_strchomp (problems.text->str);
      g_set_error_literal (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID, problems.text->str);
      return FALSE;
    }
  bedside_session_refresh (self);
  return TRUE;
}

JsonNode *
bedside_session_answers_to_json (BedsideSession *self)
{
  BedsideGuideline *guideline = bedside_session_get_guideline (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < bedside_guideline_get_n_items (guideline); i++)
    {
      const BedsideItem *item = bedside_guideline_get_item (guideline, i);
      const BedsideValue *value = bedside_session_get_answer (self, i);

      if (value->state != BEDSIDE_VALUE_KNOWN)
        continue;
      json_builder_set_member_name (builder, item->id);
      switch (item->type)
        {
        case BEDSIDE_TYPE_BOOLEAN:
          json_builder_add_boolean_value (builder, value->boolean);
          break;
        case BEDSIDE_TYPE_INTEGER:
          json_builder_add_int_value (builder, value->integer);
          break;
        case BEDSIDE_TYPE_DECIMAL:
          json_builder_add_double_value (builder, value->decimal);
          break;
        case BEDSIDE_TYPE_CHOICE:
          json_builder_add_string_value (builder, item->options[value->code].code);
          break;
        case BEDSIDE_TYPE_TEXT:
          json_builder_add_string_value (builder, value->text);
          break;
        case BEDSIDE_TYPE_DATE:
          {
            g_autofree char *text = bedside_value_to_string (value, NULL);
            json_builder_add_string_value (builder, text);
          }
          break;
        case BEDSIDE_TYPE_INVALID:
        default:
          json_builder_add_null_value (builder);
          break;
        }
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
