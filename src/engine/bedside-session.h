/* bedside-session.h: the answers of one consultation, what is enabled, what is missing. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

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

GQuark bedside_session_error_quark (void);

typedef struct _BedsideSession BedsideSession;

BedsideSession          *bedside_session_new            (BedsideGuideline *guideline);
#define BEDSIDE_TYPE_SESSION (bedside_session_get_type ())
GType                    bedside_session_get_type       (void) G_GNUC_CONST;
BedsideSession          *bedside_session_ref            (BedsideSession   *self);
void                     bedside_session_unref          (BedsideSession   *self);
BedsideGuideline        *bedside_session_get_guideline  (BedsideSession   *self);

/* Validates @value against the item (type, min/max, codes) and stores it;
 * enabled items are recomputed.  An UNKNOWN value clears the answer. */
gboolean                 bedside_session_set_answer     (BedsideSession     *self,
                                                         guint               item,
                                                         const BedsideValue *value,
                                                         GError            **error);
/* Parses @text as the item's type ("yes"/"no", "12", "mild", "2024-03-01"). */
gboolean                 bedside_session_set_answer_from_string (BedsideSession *self,
                                                                 guint           item,
                                                                 const char     *text,
                                                                 GError        **error);
void                     bedside_session_clear_answer   (BedsideSession   *self,
                                                         guint             item);
void                     bedside_session_clear          (BedsideSession   *self);
/* The answer as given, whether or not the item is enabled. */
const BedsideValue      *bedside_session_get_answer     (BedsideSession   *self,
                                                         guint             item);
/* The values the engine reads: answers of enabled items, unknown elsewhere. */
const BedsideValue      *bedside_session_get_values     (BedsideSession   *self);
gboolean                 bedside_session_is_enabled     (BedsideSession   *self,
                                                         guint             item);
/* Bumped on every change, so views can tell whether to refresh. */
guint64                  bedside_session_get_serial     (BedsideSession   *self);

/* NULL when the item is fine; else a message for the clinician ("Required"). */
char                    *bedside_session_validate_item  (BedsideSession   *self,
                                                         guint             item);
gboolean                 bedside_session_section_is_enabled (BedsideSession *self,
                                                             guint           section);
gboolean                 bedside_session_section_is_valid   (BedsideSession *self,
                                                             guint           section);
/* -1 when there is no enabled section after / before @section. */
gint                     bedside_session_next_section     (BedsideSession *self,
                                                           gint            section);
gint                     bedside_session_previous_section (BedsideSession *self,
                                                           gint            section);
/* The enabled required items not yet answered, in questionnaire order
 * (element type: const BedsideItem *, owned by the guideline). */
GPtrArray               *bedside_session_collect_missing_items (BedsideSession *self);
gboolean                 bedside_session_is_complete       (BedsideSession *self);

/* Answers from JSON: an object of item id → value, or a saved consultation
 * ({"format": "bedside-consultation", "answers": {...}}).  Every problem is
 * reported, one per line, naming the item. */
gboolean                 bedside_session_load_answers_json (BedsideSession *self,
                                                            JsonNode       *root,
                                                            const char     *display_name,
                                                            GError        **error);

/* Whether one answer of an answers file (true, 12, "mild", "2024-03-01")
 * fits @item: its JSON type, then what bedside_session_set_answer() checks.
 * The error (BEDSIDE_SESSION_ERROR_WRONG_TYPE, _OUT_OF_RANGE or _BAD_CODE)
 * is the bare reason, "expected true or false, not text", without a file
 * name or the item's id: the caller says where. */
gboolean                 bedside_answers_check_value       (const BedsideItem *item,
                                                            JsonNode          *node,
                                                            GError           **error);

/* At most this many problems are listed, then "… and N more errors". */
#define BEDSIDE_ANSWERS_MAX_ERRORS 20

typedef enum {
  /* An answer to a question the answers do not ask (its enable-when is not
   * true) is an error naming the item. */
  BEDSIDE_ANSWERS_LOAD_DEFAULT     = 0,
  /* Kept instead, unused while hidden: what a saved consultation holds. */
  BEDSIDE_ANSWERS_LOAD_KEEP_HIDDEN = 1 << 0,
} BedsideAnswersLoadFlags;

gboolean                 bedside_session_load_answers_json_full (BedsideSession          *self,
                                                                 JsonNode                *root,
                                                                 const char              *display_name,
                                                                 BedsideAnswersLoadFlags  flags,
                                                                 GError                 **error);
/* An answers file, or one line of a batch, is a few kilobytes. */
#define BEDSIDE_ANSWERS_MAX_SIZE (4 * 1024 * 1024)

/* Reads and parses a file: bounded size, strict RFC 8259 JSON with no
 * duplicate keys (bedside-json-strict.h); errors read "FILE:LINE:COLUMN: …". */
JsonNode                *bedside_answers_file_read       (const char  *path,
                                                          GError     **error);
/* The same; with BEDSIDE_FILE_READ_STDIN, "-" reads standard input. */
JsonNode                *bedside_answers_file_read_full  (const char            *path,
                                                          BedsideFileReadFlags   flags,
                                                          GError               **error);
JsonNode                *bedside_answers_data_read       (const char  *data,
                                                          gssize       length,
                                                          const char  *display_name,
                                                          GError     **error);
/* One line of a batch or vignettes file: errors read "FILE:LINE:COLUMN: …". */
JsonNode                *bedside_answers_line_read       (const char  *data,
                                                          gssize       length,
                                                          const char  *file_name,
                                                          guint        line,
                                                          GError     **error);
/* The answers as a JSON object of item id → value (enabled or not). */
JsonNode                *bedside_session_answers_to_json (BedsideSession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideSession, bedside_session_unref)

G_END_DECLS
