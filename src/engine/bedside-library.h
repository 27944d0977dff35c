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

/**
 * bedside_library_get_type:
 *
 * A boxed, reference-counted type.
 *
 * Returns: the #GType of #BedsideLibrary
 */
GType                      bedside_library_get_type     (void) G_GNUC_CONST;

/**
 * bedside_library_new:
 * @only_verified: whether a guideline the clinic's SHA256SUMS does not name is
 *   refused when it is loaded
 *
 * Lists the guideline files (*.xml) of the search folders
 * (bedside_guideline_dup_search_dirs(): $BEDSIDE_GUIDELINES_DIR, the user's,
 * the system's, the bundled one), most specific first, reading only their
 * metadata.  A guideline whose id a more specific folder already has is
 * hidden: a clinic's or user's copy replaces the bundled one.
 *
 * Returns: (transfer full): a new library
 */
BedsideLibrary            *bedside_library_new          (gboolean               only_verified);

/**
 * bedside_library_ref:
 * @self: a library
 *
 * Returns: (transfer full): @self, with one more reference
 */
BedsideLibrary            *bedside_library_ref          (BedsideLibrary        *self);

/**
 * bedside_library_unref:
 * @self: (transfer full): a library
 *
 * Drops a reference; the last one frees the library and its entries.
 */
void                       bedside_library_unref        (BedsideLibrary        *self);

/**
 * bedside_library_get_only_verified:
 * @self: a library
 *
 * Returns: whether only verified guidelines may be loaded
 */
gboolean                   bedside_library_get_only_verified (const BedsideLibrary *self);

/**
 * bedside_library_set_only_verified:
 * @self: a library
 * @only_verified: whether only verified guidelines may be loaded; an entry
 *   loaded already is refused from then on if it is not verified
 */
void                       bedside_library_set_only_verified (BedsideLibrary       *self,
                                                              gboolean              only_verified);

/**
 * bedside_library_get_n_entries:
 * @self: a library
 *
 * Returns: how many guideline files it lists
 */
guint                      bedside_library_get_n_entries (const BedsideLibrary   *self);

/**
 * bedside_library_get_entry:
 * @self: a library
 * @index: from 0 to bedside_library_get_n_entries() - 1
 *
 * Returns: (transfer none): the entry, owned by the library
 */
BedsideLibraryEntry       *bedside_library_get_entry    (BedsideLibrary        *self,
                                                         guint                  index);

/**
 * bedside_library_load_entry:
 * @self: a library
 * @entry: (transfer none): one of its entries
 * @error: why it cannot be used (also kept as the entry's error)
 *
 * Loads @entry if it is not loaded yet, deciding integrity and only-verified
 * here; a failure becomes the entry's error.
 *
 * Returns: (transfer none) (nullable): the guideline, owned by the entry, or
 *   %NULL with @error set
 */
BedsideGuideline          *bedside_library_load_entry   (BedsideLibrary        *self,
                                                         BedsideLibraryEntry   *entry,
                                                         GError               **error);

/**
 * bedside_library_lookup:
 * @self: a library
 * @id: a guideline's id attribute
 *
 * Returns: (transfer none) (nullable): the entry of the guideline whose id
 *   attribute is @id, owned by the library, or %NULL
 */
BedsideLibraryEntry       *bedside_library_lookup       (BedsideLibrary        *self,
                                                         const char            *id);

/**
 * bedside_library_is_path:
 * @text: what the user typed
 *
 * An id never names a file in the current folder.
 *
 * Returns: TRUE when @text names a file rather than an id: it contains '/' or
 *   ends in ".xml"
 */
gboolean                   bedside_library_is_path      (const char            *text);

/**
 * bedside_library_load:
 * @path_or_id: a path, or an installed guideline's id
 * @only_verified: whether a guideline the clinic's list does not name is
 *   refused
 * @status: (out) (optional): whether the clinic's list names it
 * @error: why it cannot be used
 *
 * Loads a guideline given as a path (any file, checked against the clinic's
 * SHA256SUMS of its folder) or as an id (resolved by the id attribute over
 * the library's folders).
 *
 * Returns: (transfer full) (nullable): the guideline, or %NULL with @error set
 */
BedsideGuideline          *bedside_library_load         (const char            *path_or_id,
                                                         gboolean               only_verified,
                                                         BedsideIntegrityStatus *status,
                                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideLibrary, bedside_library_unref)

G_END_DECLS
