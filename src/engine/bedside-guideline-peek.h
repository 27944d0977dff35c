/* bedside-guideline-peek.h: a guideline's metadata, read without loading the whole file. */
#pragma once

#include <glib.h>

#include "bedside-guideline.h"

G_BEGIN_DECLS

/* What a library lists before anyone opens the guideline. */
typedef struct {
  char                *path;
  char                *id;
  char                *version;
  char                *title;
  char                *summary;       /* may be NULL */
  BedsideReviewStatus  status;
  char                *review_date;
  char                *next_review;   /* may be NULL */
} BedsideGuidelineInfo;

/**
 * bedside_guideline_info_free:
 * @info: (nullable) (transfer full): a guideline's metadata
 */
void                  bedside_guideline_info_free    (BedsideGuidelineInfo *info);

/**
 * bedside_guideline_peek_metadata:
 * @path: a guideline file
 * @error: BEDSIDE_GUIDELINE_ERROR, "FILE:LINE: message"
 *
 * Parses @path only as far as the end of its <metadata>, with the loader's
 * safe settings (no DTD, no entities, no network), and checks what it read as
 * the loader would.  A file that passes may still fail to load in full; one
 * that fails here fails there too.
 *
 * Returns: (transfer full) (nullable): the metadata, or %NULL with @error set
 */
BedsideGuidelineInfo *bedside_guideline_peek_metadata (const char  *path,
                                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideGuidelineInfo, bedside_guideline_info_free)

G_END_DECLS
