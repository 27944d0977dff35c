/* bedside-recommendation-fields-private.h: the text fields of a recommendation, described once for the loader, freeing, the translation check and the readability lint. */
#pragma once

#include "bedside-guideline.h"

G_BEGIN_DECLS

/* Who reads a text. */
typedef enum {
  BEDSIDE_FIELD_AUDIENCE_CLINICIAN,
  BEDSIDE_FIELD_AUDIENCE_PATIENT,
} BedsideFieldAudience;

typedef enum {
  BEDSIDE_FIELD_NONE         = 0,
  /* The loader refuses a recommendation without it (and the schema has
   * no <optional> around it). */
  BEDSIDE_FIELD_REQUIRED     = 1 << 0,
  /* data/its selects it: a translation may change its words, not its
   * numbers. */
  BEDSIDE_FIELD_TRANSLATABLE = 1 << 1,
  /* Graded by the readability lint, with the recommendation's other
   * patient texts. */
  BEDSIDE_FIELD_READABILITY  = 1 << 2,
  /* <evidence quality strength>: its attributes are the grade, read with
   * the text; an empty element leaves the field NULL. */
  BEDSIDE_FIELD_EVIDENCE     = 1 << 3,
} BedsideFieldFlags;

typedef struct {
  const char           *element;   /* its element in <recommendation> */
  glong                 offset;    /* of its char * in BedsideRecommendation */
  BedsideFieldAudience  audience;
  BedsideFieldFlags     flags;
  const char           *what;      /* how the translation check names it: "a patient dose" */
  const char           *missing;   /* BEDSIDE_FIELD_REQUIRED: the loader's message, a format with the
                                    * recommendation's id (marked N_(), translated where used) */
} BedsideRecommendationField;

/* In the order of the schema, ended by an entry whose element is NULL. */
extern const BedsideRecommendationField bedside_recommendation_fields[];

static inline const char *
bedside_recommendation_field_get (const BedsideRecommendation      *rec,
                                  const BedsideRecommendationField *field)
{
  return G_STRUCT_MEMBER (const char *, rec, field->offset);
}

static inline char **
bedside_recommendation_field_slot (BedsideRecommendation            *rec,
                                   const BedsideRecommendationField *field)
{
  return G_STRUCT_MEMBER_P (rec, field->offset);
}

G_END_DECLS
