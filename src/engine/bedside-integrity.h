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

/**
 * bedside_integrity_error_quark:
 *
 * The error domain of the clinic's checksum list (#BedsideIntegrityError).
 *
 * Returns: the quark of %BEDSIDE_INTEGRITY_ERROR
 */
GQuark bedside_integrity_error_quark (void);

typedef enum {
  BEDSIDE_INTEGRITY_UNVERIFIED,  /* no list in the folder, or the list does not name the file */
  BEDSIDE_INTEGRITY_VERIFIED,    /* the list names the file with the file's SHA-256 */
} BedsideIntegrityStatus;

/**
 * bedside_integrity_status_to_string:
 * @status: an integrity status
 *
 * Returns: (transfer none): "verified" or "unverified"
 */
const char *bedside_integrity_status_to_string (BedsideIntegrityStatus status);

/**
 * bedside_integrity_check:
 * @path: a guideline file
 * @sha256: its SHA-256, lower-case hex
 * @status: (out): whether the list names the file with that checksum
 * @list_path: (out) (optional) (transfer full) (nullable): when @status is
 *   VERIFIED, the list that says so; else %NULL
 * @error: BEDSIDE_INTEGRITY_ERROR_MISMATCH or _BAD_LIST
 *
 * Checks the file against the list in its folder.  The file must be refused
 * when the list names it with another checksum, or when the list is damaged
 * (a clinic's list that cannot be read proves nothing, and a tampered one
 * must not pass for "unverified").
 *
 * Returns: FALSE, with @error set, when the file must be refused
 */
gboolean bedside_integrity_check        (const char              *path,
                                         const char              *sha256,
                                         BedsideIntegrityStatus  *status,
                                         char                   **list_path,
                                         GError                 **error);

/**
 * bedside_integrity_check_guideline:
 * @guideline: a loaded guideline
 * @status: (out): whether the list names its file with its checksum
 * @error: as bedside_integrity_check()
 *
 * The same for a loaded guideline (its file and checksum); a guideline
 * loaded from memory is UNVERIFIED.
 *
 * Returns: FALSE, with @error set, when the guideline must be refused
 */
gboolean bedside_integrity_check_guideline (const BedsideGuideline  *guideline,
                                            BedsideIntegrityStatus  *status,
                                            GError                 **error);

/**
 * bedside_integrity_check_file:
 * @path: a guideline file, not loaded yet
 * @status: (out): whether the list names it with its checksum
 * @error: as bedside_integrity_check(), or BEDSIDE_INTEGRITY_ERROR_IO
 *
 * For lists of files that are not loaded yet (the app's library): hashes the
 * file (up to %BEDSIDE_GUIDELINE_MAX_SIZE) and checks it.
 *
 * Returns: FALSE, with @error set, when the file must be refused
 */
gboolean bedside_integrity_check_file   (const char              *path,
                                         BedsideIntegrityStatus  *status,
                                         GError                 **error);

/**
 * bedside_guideline_new_verified:
 * @path: a guideline file
 * @status: (out) (optional): whether the clinic's list names it
 * @error: as bedside_guideline_new_from_file() and bedside_integrity_check()
 *
 * Loads a guideline and refuses it when the clinic's list says it was
 * changed: bedside_guideline_new_from_file() then
 * bedside_integrity_check_guideline().
 *
 * Returns: (transfer full) (nullable): the guideline, or %NULL with @error set
 */
BedsideGuideline *bedside_guideline_new_verified (const char              *path,
                                                  BedsideIntegrityStatus  *status,
                                                  GError                 **error);

G_END_DECLS
