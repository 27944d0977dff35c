/* bedside-consultation.h: a consultation saved to a JSON file and opened again. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "bedside-session.h"

G_BEGIN_DECLS

#define BEDSIDE_CONSULTATION_ERROR (bedside_consultation_error_quark ())

typedef enum {
  BEDSIDE_CONSULTATION_ERROR_IO,              /* cannot read or write the file */
  BEDSIDE_CONSULTATION_ERROR_DAMAGED,         /* truncated, not JSON, not a consultation */
  BEDSIDE_CONSULTATION_ERROR_NEWER_FORMAT,    /* written by a newer Bedside */
  BEDSIDE_CONSULTATION_ERROR_OTHER_GUIDELINE, /* made with a guideline of another id */
} BedsideConsultationError;

/**
 * bedside_consultation_error_quark:
 *
 * The error domain of consultation files (#BedsideConsultationError).
 *
 * Returns: the quark of %BEDSIDE_CONSULTATION_ERROR
 */
GQuark bedside_consultation_error_quark (void);

#define BEDSIDE_CONSULTATION_FORMAT         "bedside-consultation"
/* 2 adds "decisions", "note" and "clinician"; 1 is still read. */
#define BEDSIDE_CONSULTATION_FORMAT_VERSION 2

typedef enum {
  BEDSIDE_CONSULTATION_SAVE_NONE            = 0,
  /* Without it, the patient's details never reach the file. */
  BEDSIDE_CONSULTATION_SAVE_INCLUDE_PATIENT = 1 << 0,
} BedsideConsultationSaveFlags;

/* What the app knows about the patient; each field may be NULL. */
typedef struct {
  char *name;
  char *visit_date;
} BedsidePatient;

/**
 * bedside_patient_new:
 * @name: (nullable): the patient's name
 * @visit_date: (nullable): the visit's date, YYYY-MM-DD
 *
 * Returns: (transfer full): new patient details holding copies of the strings
 */
BedsidePatient *bedside_patient_new  (const char     *name,
                                      const char     *visit_date);

/**
 * bedside_patient_free:
 * @patient: (nullable) (transfer full): patient details
 */
void            bedside_patient_free (BedsidePatient *patient);

/**
 * bedside_patient_visit_date_is_valid:
 * @visit_date: (nullable): a date as typed
 *
 * The one form a visit date is kept and printed in: a real calendar date
 * written YYYY-MM-DD (2025-02-30 and 2026-13-45 are not).
 *
 * Returns: TRUE when @visit_date is one
 */
gboolean        bedside_patient_visit_date_is_valid (const char *visit_date);

/* An answer in a file that the guideline no longer accepts. */
typedef struct {
  char *item_id;
  char *message;   /* why, without the item id: "no longer in the guideline" */
} BedsideAnswerMismatch;

/**
 * bedside_answer_mismatch_free:
 * @mismatch: (nullable) (transfer full): a mismatch
 */
void bedside_answer_mismatch_free (BedsideAnswerMismatch *mismatch);

/**
 * bedside_consultation_to_data:
 * @session: the session whose answers are saved
 * @patient: (nullable): the patient's details
 * @flags: whether @patient reaches the text at all
 * @length: (out) (optional): the text's length in bytes
 *
 * The file's text (UTF-8 JSON, ends with a newline).
 *
 * Returns: (transfer full): the text
 */
char     *bedside_consultation_to_data (BedsideSession               *session,
                                        const BedsidePatient         *patient,
                                        BedsideConsultationSaveFlags  flags,
                                        gsize                        *length);

/**
 * bedside_consultation_save:
 * @session: the session whose answers are saved
 * @patient: (nullable): the patient's details
 * @flags: whether @patient reaches the file at all
 * @path: where to write
 * @error: BEDSIDE_CONSULTATION_ERROR_IO
 *
 * Writes atomically: a temporary file in the same folder, flushed to disk,
 * then renamed over @path, so a failed save leaves the old file whole.
 *
 * Returns: TRUE when the file was written
 */
gboolean  bedside_consultation_save    (BedsideSession               *session,
                                        const BedsidePatient         *patient,
                                        BedsideConsultationSaveFlags  flags,
                                        const char                   *path,
                                        GError                      **error);

/* A consultation file, read and checked, not yet applied to a guideline. */
typedef struct _BedsideConsultation BedsideConsultation;

/**
 * bedside_consultation_read:
 * @path: a consultation file
 * @error: BEDSIDE_CONSULTATION_ERROR_IO, _DAMAGED (naming the file) or
 *   _NEWER_FORMAT
 *
 * Reads a bounded amount, and checks it as
 * bedside_consultation_new_from_json():
 * a damaged or truncated file is an error naming it.
 *
 * Returns: (transfer full) (nullable): the consultation, or %NULL with @error
 *   set
 */
BedsideConsultation  *bedside_consultation_read             (const char           *path,
                                                             GError              **error);

/**
 * bedside_consultation_read_data:
 * @data: (array length=length): the file's text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @display_name: (nullable): the name in messages; %NULL: "<consultation>"
 * @error: BEDSIDE_CONSULTATION_ERROR_DAMAGED or _NEWER_FORMAT
 *
 * Returns: (transfer full) (nullable): the consultation, or %NULL with @error
 *   set
 */
BedsideConsultation  *bedside_consultation_read_data        (const char           *data,
                                                             gssize                length,
                                                             const char           *display_name,
                                                             GError              **error);

/**
 * bedside_consultation_new_from_json:
 * @root: (transfer none): a document already parsed (strictly) as JSON; it is
 *   copied
 * @display_name: (nullable): the name in messages; %NULL: "<consultation>"
 * @error: BEDSIDE_CONSULTATION_ERROR_DAMAGED or _NEWER_FORMAT
 *
 * The same checks as bedside_consultation_read(): an answers file that says
 * "format": "bedside-consultation" is read here, so the CLI and the app accept
 * and refuse the same files.
 *
 * Returns: (transfer full) (nullable): the consultation, or %NULL with @error
 *   set
 */
BedsideConsultation  *bedside_consultation_new_from_json    (JsonNode             *root,
                                                             const char           *display_name,
                                                             GError              **error);

/**
 * bedside_consultation_free:
 * @self: (nullable) (transfer full): a consultation
 */
void                  bedside_consultation_free             (BedsideConsultation  *self);

/**
 * bedside_consultation_describe_guideline_change:
 * @self: a consultation
 * @guideline: the guideline it is opened with
 *
 * Returns: (transfer full) (nullable): %NULL when the file was saved with
 *   exactly @guideline's file; otherwise a warning naming the versions or
 *   checksums
 */
char                 *bedside_consultation_describe_guideline_change (BedsideConsultation *self,
                                                                      BedsideGuideline    *guideline);

/**
 * bedside_consultation_get_guideline_id:
 * @self: a consultation
 *
 * Returns: (transfer none): the id of the guideline it was made with
 */
const char           *bedside_consultation_get_guideline_id      (BedsideConsultation *self);

/**
 * bedside_consultation_get_guideline_version:
 * @self: a consultation
 *
 * Returns: (transfer none): the version of the guideline it was made with
 */
const char           *bedside_consultation_get_guideline_version (BedsideConsultation *self);

/**
 * bedside_consultation_get_guideline_sha256:
 * @self: a consultation
 *
 * Returns: (transfer none) (nullable): the checksum of the guideline file it
 *   was made with, lower-case hex; %NULL when the file does not say
 */
const char           *bedside_consultation_get_guideline_sha256  (BedsideConsultation *self);

/**
 * bedside_consultation_get_patient:
 * @self: a consultation
 *
 * Returns: (transfer none) (nullable): the patient's details; %NULL when the
 *   file holds none
 */
const BedsidePatient *bedside_consultation_get_patient      (BedsideConsultation  *self);

/**
 * bedside_consultation_matches:
 * @self: a consultation
 * @guideline: a guideline
 *
 * Returns: whether the file was made with exactly this guideline file (the
 *   same id and version, and the same checksum when the file has one)
 */
gboolean              bedside_consultation_matches          (BedsideConsultation  *self,
                                                             BedsideGuideline     *guideline);

/**
 * bedside_consultation_restore:
 * @self: a consultation
 * @guideline: (transfer none): the guideline to answer
 * @mismatches: (out) (optional) (transfer full) (element-type
 *   BedsideAnswerMismatch):
 *   the answers left out, with why; %NULL on error
 * @error: BEDSIDE_CONSULTATION_ERROR_OTHER_GUIDELINE or _DAMAGED
 *
 * A new session of @guideline with the file's answers.  When the file was
 * made with another version of the guideline, the answers that no longer fit
 * are left out and listed in @mismatches; with the same version, any misfit
 * means the file is damaged, and that is an error.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error set
 */
BedsideSession       *bedside_consultation_restore          (BedsideConsultation  *self,
                                                             BedsideGuideline     *guideline,
                                                             GPtrArray           **mismatches,
                                                             GError              **error);

/**
 * bedside_consultation_load:
 * @session: the session whose answers are replaced
 * @path: a consultation file
 * @patient: (out) (optional) (transfer full) (nullable): the patient's details,
 *   %NULL when the file holds none
 * @mismatches: (out) (optional) (transfer full) (element-type
 *   BedsideAnswerMismatch):
 *   the answers left out, as bedside_consultation_restore()
 * @error: as bedside_consultation_read() and bedside_consultation_restore()
 *
 * Reads @path and replaces the answers of @session with the file's.  On error
 * @session is left exactly as it was.
 *
 * Returns: TRUE when the answers were replaced
 */
gboolean              bedside_consultation_load             (BedsideSession       *session,
                                                             const char           *path,
                                                             BedsidePatient      **patient,
                                                             GPtrArray           **mismatches,
                                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideConsultation, bedside_consultation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsidePatient, bedside_patient_free)

G_END_DECLS
