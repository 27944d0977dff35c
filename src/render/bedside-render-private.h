/* bedside-render-private.h: how the renderers group and describe a plan, shared by text and pages. */
#pragma once

#include <glib.h>

#include "bedside-care-plan.h"

G_BEGIN_DECLS

/* The sections of the clinician plan, in the order they are listed:
 * urgent first. */
extern const BedsideRecommendationKind bedside_render_clinician_kinds[BEDSIDE_N_KINDS];

/* The heading of a clinician section (untranslated: a msgid). */
const char *bedside_render_kind_heading (BedsideRecommendationKind kind);

/* The handout groups by what the patient does, not by strength of evidence;
 * anything urgent comes first whatever its topic.  Listed in this order. */
typedef enum {
  BEDSIDE_HANDOUT_URGENT,
  BEDSIDE_HANDOUT_REFERRAL,
  BEDSIDE_HANDOUT_ACTIVITY,
  BEDSIDE_HANDOUT_MEDICINE,
  BEDSIDE_HANDOUT_SAFETY_NET,
  BEDSIDE_HANDOUT_FOLLOW_UP,
  BEDSIDE_HANDOUT_OTHER,
  BEDSIDE_N_HANDOUT_GROUPS
} BedsideHandoutGroup;

BedsideHandoutGroup bedside_render_handout_group   (const BedsideRecommendation *rec);
/* The heading of a handout group (untranslated: a msgid). */
const char         *bedside_render_handout_heading (BedsideHandoutGroup group);

/* The review status in words (untranslated: a msgid), "Under review":
 * for a translated handout, which shows it in its own language. */
const char *bedside_render_status_msgid (BedsideReviewStatus status);

/* "under-review" → "UNDER REVIEW": the status must stand out on paper. */
char *bedside_render_format_status   (BedsideReviewStatus status);
/* "moderate quality; strong recommendation. Note." or NULL if nothing is known. */
char *bedside_render_format_evidence (const BedsideRecommendation *rec);
/* Citation numbers in order of first citation, indexed by reference index:
 * the numbering of printed plans (0: not cited). */
guint *bedside_render_citation_numbers (const BedsideCarePlan *plan,
                                        GPtrArray             *cited);

/* Which of the plan's reasons (bedside_care_plan_dup_reasons) every entry
 * went through: the Why section gives them, entries do not repeat them.
 * (transfer full): one flag per reason. */
gboolean *bedside_render_shared_reasons (const BedsideCarePlan *plan,
                                        GPtrArray             *reasons);
/* "Pathway by duration, Muscle relaxant": the decisions of entry @index
 * that are not @shared, by their short names; NULL when none. */
char     *bedside_render_entry_why      (const BedsideCarePlan *plan,
                                        guint                  index,
                                        GPtrArray             *reasons,
                                        const gboolean        *shared);

G_END_DECLS
