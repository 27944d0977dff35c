/* bedside-lint.h: analyses of a loaded guideline beyond validity. */
#pragma once

#include <glib.h>

#include "bedside-guideline.h"

G_BEGIN_DECLS

typedef enum {
  BEDSIDE_LINT_WARNING,
  BEDSIDE_LINT_NOTE,     /* informational: e.g. an analysis that was only approximate */
  BEDSIDE_LINT_ERROR,    /* a safety proof failed: the guideline must not be used as it is */
} BedsideLintSeverity;

/* "error", "warning" or "note". */
const char *bedside_lint_severity_to_string (BedsideLintSeverity severity);

typedef struct {
  BedsideLintSeverity  severity;
  char                *code;      /* "unreachable-branch", "unused-item", ... */
  guint                line;
  char                *message;
} BedsideLintIssue;

void       bedside_lint_issue_free (BedsideLintIssue *issue);

/* Returns the issues found, ordered by line (element type BedsideLintIssue). */
GPtrArray *bedside_lint            (BedsideGuideline *guideline);

/* Flesch–Kincaid grade level of English text:
 * 0.39 × words/sentences + 11.8 × syllables/words − 15.59 (0 for no words). */
double     bedside_readability_grade (const char *text);

/* The counts the grade is made of (heuristics in docs/lint.md). */
typedef struct {
  guint words;
  guint sentences;
  guint syllables;
} BedsideReadabilityCount;

void       bedside_readability_count (const char              *text,
                                      BedsideReadabilityCount *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideLintIssue, bedside_lint_issue_free)

G_END_DECLS
