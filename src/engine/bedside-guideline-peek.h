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

void                  bedside_guideline_info_free    (BedsideGuidelineInfo *info);

/* Parses @path only as far as the end of its <metadata>, with the loader's
 * safe settings (no DTD, no entities, no network), and checks what it read
 * as the loader would.  A file that passes may still fail to load in full;
 * one that fails here fails there too.  Errors are BEDSIDE_GUIDELINE_ERROR,
 * "FILE:LINE: message". */
BedsideGuidelineInfo *bedside_guideline_peek_metadata (const char  *path,
                                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideGuidelineInfo, bedside_guideline_info_free)

G_END_DECLS
