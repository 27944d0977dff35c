/* bedside-integrity.h: a clinic's checksum list marks its guideline files verified, and refuses changed ones. */
#pragma once

#include <glib.h>

#include "bedside-guideline.h"

G_BEGIN_DECLS

/* The list sits in the guideline's folder, in the format of sha256sum(1):
 * one "HEX  FILE" (or "HEX *FILE") line per guideline, FILE a name in that
 * folder; the BSD form "SHA256 (FILE) = HEX" is read too; '#' starts a
 * comment.  Made with `sha256sum *.xml > SHA256SUMS` after review. */
#define BEDSIDE_INTEGRITY_LIST_NAME "SHA256SUMS"
#define BEDSIDE_INTEGRITY_LIST_MAX_SIZE (1024 * 1024)

#define BEDSIDE_INTEGRITY_ERROR (bedside_integrity_error_quark ())

typedef enum {
  BEDSIDE_INTEGRITY_ERROR_MISMATCH,     /* the list names the file with another checksum */
  BEDSIDE_INTEGRITY_ERROR_BAD_LIST,     /* the list cannot be read, or a line is not a checksum line */
  BEDSIDE_INTEGRITY_ERROR_IO,           /* the guideline file itself cannot be read */
} BedsideIntegrityError;

GQuark bedside_integrity_error_quark (void);

typedef enum {
  BEDSIDE_INTEGRITY_UNVERIFIED,  /* no list in the folder, or the list does not name the file */
  BEDSIDE_INTEGRITY_VERIFIED,    /* the list names the file with the file's SHA-256 */
} BedsideIntegrityStatus;

const char *bedside_integrity_status_to_string (BedsideIntegrityStatus status);  /* "verified", "unverified" */

/* Checks the file at @path, whose SHA-256 (lower-case hex) is @sha256,
 * against the list in its folder.  Returns FALSE with an error when the
 * file must be refused: the list names it with another checksum, or the
 * list is damaged (a clinic's list that cannot be read proves nothing, and
 * a tampered one must not pass for "unverified").  On success sets @status
 * and, when it is VERIFIED, @list_path (transfer full; may be NULL). */
gboolean bedside_integrity_check        (const char              *path,
                                         const char              *sha256,
                                         BedsideIntegrityStatus  *status,
                                         char                   **list_path,
                                         GError                 **error);

/* The same for a loaded guideline (its file and checksum); a guideline
 * loaded from memory is UNVERIFIED. */
gboolean bedside_integrity_check_guideline (const BedsideGuideline  *guideline,
                                            BedsideIntegrityStatus  *status,
                                            GError                 **error);

/* For lists of files that are not loaded yet (the app's library): hashes
 * the file (up to BEDSIDE_GUIDELINE_MAX_SIZE) and checks it. */
gboolean bedside_integrity_check_file   (const char              *path,
                                         BedsideIntegrityStatus  *status,
                                         GError                 **error);

/* Loads a guideline and refuses it when the clinic's list says it was
 * changed: bedside_guideline_new_from_file() + bedside_integrity_check_guideline(). */
BedsideGuideline *bedside_guideline_new_verified (const char              *path,
                                                  BedsideIntegrityStatus  *status,
                                                  GError                 **error);

G_END_DECLS
