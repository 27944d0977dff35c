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

/**
 * bedside_lint_severity_to_string:
 * @severity: a lint severity
 *
 * Returns: (transfer none): "error", "warning" or "note"
 */
const char *bedside_lint_severity_to_string (BedsideLintSeverity severity);

typedef struct {
  BedsideLintSeverity  severity;
  char                *code;      /* "unreachable-branch", "unused-item", ... */
  guint                line;
  char                *message;
} BedsideLintIssue;

/**
 * bedside_lint_issue_free:
 * @issue: (nullable) (transfer full): an issue
 */
void       bedside_lint_issue_free (BedsideLintIssue *issue);

/**
 * bedside_lint:
 * @guideline: a loaded guideline
 *
 * Analyses beyond validity: reachability, usage, medicine records, mentions,
 * readability (docs/lint.md).
 *
 * Returns: (transfer full) (element-type BedsideLintIssue): the issues found,
 *   ordered by line
 */
GPtrArray *bedside_lint            (BedsideGuideline *guideline);

/**
 * bedside_readability_grade:
 * @text: English text
 *
 * Flesch–Kincaid grade level: 0.39 × words/sentences + 11.8 ×
 * syllables/words − 15.59.
 *
 * Returns: the grade, 0 for no words
 */
double     bedside_readability_grade (const char *text);

/* The counts the grade is made of (heuristics in docs/lint.md). */
typedef struct {
  guint words;
  guint sentences;
  guint syllables;
} BedsideReadabilityCount;

/**
 * bedside_readability_count:
 * @text: English text
 * @count: (out caller-allocates): the counts the grade is made of (heuristics
 *   in docs/lint.md)
 */
void       bedside_readability_count (const char              *text,
                                      BedsideReadabilityCount *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideLintIssue, bedside_lint_issue_free)

G_END_DECLS
