/* bedside-session.h: the answers of one consultation, what is enabled, what is missing. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "bedside-decisions.h"
#include "bedside-file.h"
#include "bedside-guideline.h"

G_BEGIN_DECLS

#define BEDSIDE_SESSION_ERROR (bedside_session_error_quark ())

typedef enum {
  BEDSIDE_SESSION_ERROR_UNKNOWN_ITEM,
  BEDSIDE_SESSION_ERROR_WRONG_TYPE,
  BEDSIDE_SESSION_ERROR_OUT_OF_RANGE,
  BEDSIDE_SESSION_ERROR_BAD_CODE,
  BEDSIDE_SESSION_ERROR_INVALID,      /* an answers file that cannot be read */
} BedsideSessionError;

/**
 * bedside_session_error_quark:
 *
 * The error domain of sessions and answers files (#BedsideSessionError).
 *
 * Returns: the quark of %BEDSIDE_SESSION_ERROR
 */
GQuark bedside_session_error_quark (void);

typedef struct _BedsideSession BedsideSession;

/**
 * bedside_session_new:
 * @guideline: (transfer none): the guideline whose questions it answers; the
 *   session keeps a reference
 *
 * A session with no answers yet.
 *
 * Returns: (transfer full): a new session
 */
BedsideSession          *bedside_session_new            (BedsideGuideline *guideline);
#define BEDSIDE_TYPE_SESSION (bedside_session_get_type ())

/**
 * bedside_session_get_type:
 *
 * A boxed, reference-counted type, so that properties and signals can carry a
 * session.
 *
 * Returns: the #GType of #BedsideSession
 */
GType                    bedside_session_get_type       (void) G_GNUC_CONST;

/**
 * bedside_session_ref:
 * @self: a session
 *
 * Returns: (transfer full): @self, with one more reference
 */
BedsideSession          *bedside_session_ref            (BedsideSession   *self);

/**
 * bedside_session_unref:
 * @self: (transfer full): a session
 *
 * Drops a reference; the last one frees the session.
 */
void                     bedside_session_unref          (BedsideSession   *self);

/**
 * bedside_session_get_guideline:
 * @self: a session
 *
 * Returns: (transfer none): the guideline the session answers, valid as long
 *   as the session
 */
BedsideGuideline        *bedside_session_get_guideline  (BedsideSession   *self);

/**
 * bedside_session_set_answer:
 * @self: a session
 * @item: the item's index
 * @value: (transfer none): the answer; a text is copied
 * @error: why the value does not fit: BEDSIDE_SESSION_ERROR_WRONG_TYPE,
 *   _OUT_OF_RANGE or _BAD_CODE
 *
 * Validates @value against the item (type, min/max, codes) and stores it;
 * enabled items are recomputed.  An UNKNOWN value clears the answer.  A
 * rejected answer leaves the previous one in place.
 *
 * Returns: TRUE when the answer was stored
 */
gboolean                 bedside_session_set_answer     (BedsideSession     *self,
                                                         guint               item,
                                                         const BedsideValue *value,
                                                         GError            **error);

/**
 * bedside_session_set_answer_from_string:
 * @self: a session
 * @item: the item's index
 * @text: the answer as typed: "yes"/"no", "12", "mild", "2024-03-01"; empty
 *   clears it (but for a text item)
 * @error: why @text does not fit the item, in words for the clinician
 *
 * Parses @text as the item's type, then as bedside_session_set_answer().
 *
 * Returns: TRUE when the answer was stored (or cleared)
 */
gboolean                 bedside_session_set_answer_from_string (BedsideSession *self,
                                                                 guint           item,
                                                                 const char     *text,
                                                                 GError        **error);

/**
 * bedside_session_clear_answer:
 * @self: a session
 * @item: the item's index
 *
 * Forgets the item's answer; enabled items are recomputed.
 */
void                     bedside_session_clear_answer   (BedsideSession   *self,
                                                         guint             item);

/**
 * bedside_session_clear:
 * @self: a session
 *
 * Forgets every answer and the clinician's decisions: a new consultation.
 */
void                     bedside_session_clear          (BedsideSession   *self);

/**
 * bedside_session_get_decisions:
 * @self: a session
 *
 * What the clinician made of the plan (declined recommendations, a note,
 * their name): part of the consultation, saved and opened with it.
 *
 * Returns: (transfer none): the decisions, never NULL; change them in place
 */
BedsideDecisions        *bedside_session_get_decisions  (BedsideSession   *self);

/**
 * bedside_session_get_answer:
 * @self: a session
 * @item: the item's index
 *
 * The answer as given, whether or not the item is enabled.
 *
 * Returns: (transfer none): the answer (UNKNOWN when none), valid until the
 *   session changes
 */
const BedsideValue      *bedside_session_get_answer     (BedsideSession   *self,
                                                         guint             item);

/**
 * bedside_session_get_values:
 * @self: a session
 *
 * The values the engine reads: answers of enabled items, unknown elsewhere.
 *
 * Returns: (transfer none) (array): one value per item, indexed like the
 *   guideline's items, valid until the session changes
 */
const BedsideValue      *bedside_session_get_values     (BedsideSession   *self);

/**
 * bedside_session_is_enabled:
 * @self: a session
 * @item: the item's index
 *
 * Returns: whether the item is asked, given the answers so far (its
 *   enable-when is true)
 */
gboolean                 bedside_session_is_enabled     (BedsideSession   *self,
                                                         guint             item);

/**
 * bedside_session_get_serial:
 * @self: a session
 *
 * Bumped on every change, so views can tell whether to refresh.
 *
 * Returns: the number of the session's current state
 */
guint64                  bedside_session_get_serial     (BedsideSession   *self);

/**
 * bedside_session_validate_item:
 * @self: a session
 * @item: the item's index
 *
 * Returns: (transfer full) (nullable): %NULL when the item is fine, else a
 *   message for the clinician ("Required: please answer this question.")
 */
char                    *bedside_session_validate_item  (BedsideSession   *self,
                                                         guint             item);

/**
 * bedside_session_section_is_enabled:
 * @self: a session
 * @section: the section's index
 *
 * Returns: whether one of the section's items is enabled
 */
gboolean                 bedside_session_section_is_enabled (BedsideSession *self,
                                                             guint           section);

/**
 * bedside_session_section_is_valid:
 * @self: a session
 * @section: the section's index
 *
 * Returns: whether bedside_session_validate_item() finds nothing wrong with
 *   any of the section's items
 */
gboolean                 bedside_session_section_is_valid   (BedsideSession *self,
                                                             guint           section);

/**
 * bedside_session_next_section:
 * @self: a session
 * @section: a section's index, or -1 for before the first
 *
 * Returns: the first enabled section after @section, or -1 when there is none
 */
gint                     bedside_session_next_section     (BedsideSession *self,
                                                           gint            section);

/**
 * bedside_session_previous_section:
 * @self: a session
 * @section: a section's index
 *
 * Returns: the last enabled section before @section, or -1 when there is none
 */
gint                     bedside_session_previous_section (BedsideSession *self,
                                                           gint            section);

/**
 * bedside_session_collect_missing_items:
 * @self: a session
 *
 * The enabled required items not yet answered, in questionnaire order.
 *
 * Returns: (transfer container) (element-type BedsideItem): a new array
 *   (possibly empty) of items owned by the guideline
 */
GPtrArray               *bedside_session_collect_missing_items (BedsideSession *self);

/**
 * bedside_session_is_complete:
 * @self: a session
 *
 * Returns: whether every enabled required item is answered
 */
gboolean                 bedside_session_is_complete       (BedsideSession *self);

/**
 * bedside_session_load_answers_json:
 * @self: a session
 * @root: (transfer none): an object of item id → value, or a saved
 *   consultation ({"format": "bedside-consultation", "answers": {...}})
 * @display_name: (nullable): the file's name in messages; %NULL: "<answers>"
 * @error: every problem, one per line, naming the item
 *   (BEDSIDE_SESSION_ERROR_INVALID)
 *
 * bedside_session_load_answers_json_full() with
 * %BEDSIDE_ANSWERS_LOAD_DEFAULT.
 *
 * Returns: TRUE when every answer was stored
 */
gboolean                 bedside_session_load_answers_json (BedsideSession *self,
                                                            JsonNode       *root,
                                                            const char     *display_name,
                                                            GError        **error);

/* At most this many problems are listed, then "… and N more errors". */
#define BEDSIDE_ANSWERS_MAX_ERRORS 20

typedef enum {
  /* An answer to a question the answers do not ask (its enable-when is not
   * true) is an error naming the item. */
  BEDSIDE_ANSWERS_LOAD_DEFAULT     = 0,
  /* Kept instead, unused while hidden: what a saved consultation holds. */
  BEDSIDE_ANSWERS_LOAD_KEEP_HIDDEN = 1 << 0,
} BedsideAnswersLoadFlags;

/**
 * bedside_session_load_answers_json_full:
 * @self: a session
 * @root: (transfer none): an object of item id → value, or a saved consultation
 * @display_name: (nullable): the file's name in messages; %NULL: "<answers>"
 * @flags: whether answers to questions not asked are kept
 * @error: every problem, one per line, naming the item (at most
 *   %BEDSIDE_ANSWERS_MAX_ERRORS, then their count)
 *
 * Stores each answer that fits; a saved consultation is read as
 * bedside_consultation_new_from_json() reads it, and keeps hidden answers.
 * When an answer does not fit, or answers a question not asked, the session
 * is cleared; a document that holds no answers leaves it as it was.
 *
 * Returns: TRUE when every answer was stored
 */
gboolean                 bedside_session_load_answers_json_full (BedsideSession          *self,
                                                                 JsonNode                *root,
                                                                 const char              *display_name,
                                                                 BedsideAnswersLoadFlags  flags,
                                                                 GError                 **error);
/* An answers file, or one line of a batch, is a few kilobytes. */
#define BEDSIDE_ANSWERS_MAX_SIZE (4 * 1024 * 1024)

/**
 * bedside_answers_file_read:
 * @path: the answers file
 * @error: "FILE:LINE:COLUMN: …" (BEDSIDE_SESSION_ERROR_INVALID)
 *
 * Reads and parses a regular file: bounded size, strict RFC 8259 JSON with no
 * duplicate keys (bedside-json-strict.h).
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
JsonNode                *bedside_answers_file_read       (const char  *path,
                                                          GError     **error);

/**
 * bedside_answers_file_read_full:
 * @path: the answers file; with %BEDSIDE_FILE_READ_STDIN, "-" reads standard
 *   input
 * @flags: what @path may be
 * @error: "FILE:LINE:COLUMN: …" (BEDSIDE_SESSION_ERROR_INVALID)
 *
 * The same as bedside_answers_file_read(), for @flags.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
JsonNode                *bedside_answers_file_read_full  (const char            *path,
                                                          BedsideFileReadFlags   flags,
                                                          GError               **error);

/**
 * bedside_answers_data_read:
 * @data: (array length=length): the JSON text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @display_name: (nullable): the name in messages; %NULL: "<answers>"
 * @error: "NAME:LINE:COLUMN: …" (BEDSIDE_SESSION_ERROR_INVALID)
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
JsonNode                *bedside_answers_data_read       (const char  *data,
                                                          gssize       length,
                                                          const char  *display_name,
                                                          GError     **error);

/**
 * bedside_answers_line_read:
 * @data: (array length=length): the line's JSON text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @file_name: (nullable): the file's name in messages; %NULL: "<answers>"
 * @line: the line's number in the file, for messages
 * @error: "FILE:LINE:COLUMN: …" (BEDSIDE_SESSION_ERROR_INVALID)
 *
 * One line of a batch or vignettes file.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
JsonNode                *bedside_answers_line_read       (const char  *data,
                                                          gssize       length,
                                                          const char  *file_name,
                                                          guint        line,
                                                          GError     **error);

/**
 * bedside_answers_check_value:
 * @item: (transfer none): the item the answer is for
 * @node: (transfer none): the answer as an answers file holds it: true, 12,
 *   "mild", "2024-03-01"
 * @error: the bare reason, "expected true or false, not text", without a file
 *   name or the item's id (the caller says where):
 *   BEDSIDE_SESSION_ERROR_WRONG_TYPE, _OUT_OF_RANGE or _BAD_CODE
 *
 * Whether one answer fits @item: its JSON type, then what
 * bedside_session_set_answer() checks.
 *
 * Returns: TRUE when it fits
 */
gboolean                 bedside_answers_check_value       (const BedsideItem *item,
                                                            JsonNode          *node,
                                                            GError           **error);

/**
 * bedside_session_answers_to_json:
 * @self: a session
 *
 * The answers as a JSON object of item id → value (enabled or not).
 *
 * Returns: (transfer full): a new object node
 */
JsonNode                *bedside_session_answers_to_json (BedsideSession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideSession, bedside_session_unref)

G_END_DECLS
