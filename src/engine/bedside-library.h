/* bedside-library.h: the guidelines installed for the user, the system and the bundle, found by id. */
#pragma once

#include <glib.h>

#include "bedside-guideline-peek.h"
#include "bedside-integrity.h"

G_BEGIN_DECLS

/* One guideline file of the library. */
typedef struct {
  char                 *path;
  BedsideGuidelineInfo *info;       /* its metadata; NULL when the file cannot be read */
  char                 *error;      /* why it cannot be used (with its file name), or NULL */
  BedsideGuideline     *guideline;  /* loaded on first use */
  gboolean              verified;   /* the clinic's SHA256SUMS names it with its checksum */
} BedsideLibraryEntry;

typedef struct _BedsideLibrary BedsideLibrary;

/* A boxed, reference-counted type. */
#define BEDSIDE_TYPE_LIBRARY (bedside_library_get_type ())
GType                      bedside_library_get_type     (void) G_GNUC_CONST;

/* Lists the guideline files (*.xml) of the search folders
 * (bedside_guideline_dup_search_dirs(): $BEDSIDE_GUIDELINES_DIR, the
 * user's, the system's, the bundled one), most specific first, reading only
 * their metadata.  A guideline whose id a more specific folder already has
 * is hidden: a clinic's or user's copy replaces the bundled one.  With
 * @only_verified, a guideline the clinic's SHA256SUMS does not name is
 * refused when it is loaded. */
BedsideLibrary            *bedside_library_new          (gboolean               only_verified);
BedsideLibrary            *bedside_library_ref          (BedsideLibrary        *self);
void                       bedside_library_unref        (BedsideLibrary        *self);
gboolean                   bedside_library_get_only_verified (const BedsideLibrary *self);
void                       bedside_library_set_only_verified (BedsideLibrary       *self,
                                                              gboolean              only_verified);
guint                      bedside_library_get_n_entries (const BedsideLibrary   *self);
/* (transfer none) */
BedsideLibraryEntry       *bedside_library_get_entry    (BedsideLibrary        *self,
                                                         guint                  index);
/* Loads @entry if it is not loaded yet, deciding integrity and
 * only-verified here; a failure becomes the entry's error.  (transfer none) */
BedsideGuideline          *bedside_library_load_entry   (BedsideLibrary        *self,
                                                         BedsideLibraryEntry   *entry,
                                                         GError               **error);
/* The entry of the guideline whose id attribute is @id, or NULL. */
BedsideLibraryEntry       *bedside_library_lookup       (BedsideLibrary        *self,
                                                         const char            *id);

/* TRUE when @text names a file rather than an id: it contains '/' or ends
 * in ".xml".  An id never names a file in the current folder. */
gboolean                   bedside_library_is_path      (const char            *text);

/* Loads a guideline given as a path (any file, checked against the clinic's
 * SHA256SUMS of its folder) or as an id (resolved by the id attribute over
 * the library's folders).  (transfer full) */
BedsideGuideline          *bedside_library_load         (const char            *path_or_id,
                                                         gboolean               only_verified,
                                                         BedsideIntegrityStatus *status,
                                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideLibrary, bedside_library_unref)

G_END_DECLS
