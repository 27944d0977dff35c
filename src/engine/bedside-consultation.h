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

BedsidePatient *bedside_patient_new  (const char     *name,
                                      const char     *visit_date);
void            bedside_patient_free (BedsidePatient *patient);
/* TRUE when @visit_date is a real calendar date written YYYY-MM-DD, the
 * one form a visit date is kept and printed in: 2025-02-30 and 2026-13-45
 * are not. */
gboolean        bedside_patient_visit_date_is_valid (const char *visit_date);

/* An answer in a file that the guideline no longer accepts. */
typedef struct {
  char *item_id;
  char *message;   /* why, without the item id: "no longer in the guideline" */
} BedsideAnswerMismatch;

void bedside_answer_mismatch_free (BedsideAnswerMismatch *mismatch);

/* The file's text (UTF-8 JSON, ends with a newline). */
char     *bedside_consultation_to_data (BedsideSession               *session,
                                        const BedsidePatient         *patient,
                                        BedsideConsultationSaveFlags  flags,
                                        gsize                        *length);
/* Writes atomically: a temporary file in the same folder, flushed to disk,
 * then renamed over @path, so a failed save leaves the old file whole. */
gboolean  bedside_consultation_save    (BedsideSession               *session,
                                        const BedsidePatient         *patient,
                                        BedsideConsultationSaveFlags  flags,
                                        const char                   *path,
                                        GError                      **error);

/* A consultation file, read and checked, not yet applied to a guideline. */
typedef struct _BedsideConsultation BedsideConsultation;

/* Reads a bounded amount; a damaged or truncated file is an error naming it. */
BedsideConsultation  *bedside_consultation_read             (const char           *path,
                                                             GError              **error);
BedsideConsultation  *bedside_consultation_read_data        (const char           *data,
                                                             gssize                length,
                                                             const char           *display_name,
                                                             GError              **error);
/* The same checks, for a document already parsed (strictly) as JSON: an
 * answers file that says "format": "bedside-consultation" is read here, so
 * the CLI and the app accept and refuse the same files.  @root is copied. */
BedsideConsultation  *bedside_consultation_new_from_json    (JsonNode             *root,
                                                             const char           *display_name,
                                                             GError              **error);
void                  bedside_consultation_free             (BedsideConsultation  *self);
/* NULL when the file was saved with exactly @guideline's file; otherwise a
 * warning naming the versions or checksums (transfer full). */
char                 *bedside_consultation_describe_guideline_change (BedsideConsultation *self,
                                                                      BedsideGuideline    *guideline);
const char           *bedside_consultation_get_guideline_id      (BedsideConsultation *self);
const char           *bedside_consultation_get_guideline_version (BedsideConsultation *self);
/* NULL when the file does not say. */
const char           *bedside_consultation_get_guideline_sha256  (BedsideConsultation *self);
/* NULL when the file holds no patient details. */
const BedsidePatient *bedside_consultation_get_patient      (BedsideConsultation  *self);
/* Whether the file was made with exactly this guideline file (checksum). */
gboolean              bedside_consultation_matches          (BedsideConsultation  *self,
                                                             BedsideGuideline     *guideline);

/* A new session of @guideline with the file's answers.  When the file was
 * made with another version of the guideline, the answers that no longer
 * fit are left out and listed in @mismatches (element type:
 * BedsideAnswerMismatch); with the same version, any misfit means the file
 * is damaged, and that is an error. */
BedsideSession       *bedside_consultation_restore          (BedsideConsultation  *self,
                                                             BedsideGuideline     *guideline,
                                                             GPtrArray           **mismatches,
                                                             GError              **error);

/* Reads @path and replaces the answers of @session with the file's.  On
 * error @session is left exactly as it was. */
gboolean              bedside_consultation_load             (BedsideSession       *session,
                                                             const char           *path,
                                                             BedsidePatient      **patient,
                                                             GPtrArray           **mismatches,
                                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideConsultation, bedside_consultation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsidePatient, bedside_patient_free)

G_END_DECLS
