/* bench-scale.c: one phase on one (generated) guideline, in its own process
 * so that the peak memory is the phase's own.
 *
 *   bench-scale load|lint|eval GUIDELINE [REPEAT]
 *
 * load: load + validate (schema and semantic checks).
 * lint: load, then bedside_lint() (the reachability analysis included);
 *       the time printed is the lint's alone, and load+lint together.
 * eval: load, then evaluate one complete answer set REPEAT times (every
 *       item answered: booleans true, numbers their minimum + 1, choices the
 *       second code) with the evaluator; also times one answer change in a
 *       session (which recomputes every item's enable-when).
 * Prints "key value" lines: seconds, and peak RSS in KiB (VmHWM). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bedside-evaluator.h"
#include "bedside-lint.h"

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* VmHWM rather than getrusage(): ru_maxrss survives execve, so it would
 * report the parent's size when that was larger. */
static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (hwm + 6, NULL, 10);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  const char *phase;
  double t0, t_load;
  guint repeat;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s load|lint|eval GUIDELINE [REPEAT]\n", argv[0]);
      return 2;
    }
  phase = argv[1];
  repeat = argc > 3 ? (guint) MAX (1, atoi (argv[3])) : 100;

  t0 = now_s ();
  guideline = bedside_guideline_new_from_file (argv[2], &error);
  t_load = now_s () - t0;
  if (guideline == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("items %u\nrecommendations %u\nbranches %u\nload_s %.6f\n",
          bedside_guideline_get_n_items (guideline),
          bedside_guideline_get_n_recommendations (guideline),
          bedside_guideline_get_n_branches (guideline), t_load);

  if (g_str_equal (phase, "lint"))
    {
      g_autoptr(GPtrArray) issues = NULL;

      t0 = now_s ();
      issues = bedside_lint (guideline);
      printf ("lint_s %.6f\nload_lint_s %.6f\nlint_issues %u\n",
              now_s () - t0, now_s () - t0 + t_load, issues->len);
    }
  else if (g_str_equal (phase, "eval"))
    {
      g_autoptr(BedsideSession) session = bedside_session_new (guideline);
      g_autoptr(BedsideEvaluator) evaluator = bedside_evaluator_new (guideline);
      guint n_items = bedside_guideline_get_n_items (guideline);
      g_autofree BedsideValue *values = g_new0 (BedsideValue, MAX (n_items, 1));
      const guint *out;
      guint n_out = 0;
      double t_answer, t_run;

      /* Every item answered; every enable-when reads a boolean answered
       * true, so every item is enabled and the values are the answers. */
      for (guint i = 0; i < n_items; i++)
        {
          const BedsideItem *item = bedside_guideline_get_item (guideline, i);
          BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = item->type };

          switch (item->type)
            {
            case BEDSIDE_TYPE_BOOLEAN: value.boolean = TRUE; break;
            case BEDSIDE_TYPE_INTEGER: value.integer = (gint64) (item->has_min ? item->min + 1 : 1); break;
            case BEDSIDE_TYPE_CHOICE: value.code = item->n_options > 1 ? 1 : 0; break;
            default: continue;
            }
          values[i] = value;
        }

      /* One answer change in a session (it recomputes what is enabled). */
      t0 = now_s ();
      if (!bedside_session_set_answer (session, 0, &values[0], &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      t_answer = now_s () - t0;

      t0 = now_s ();
      for (guint r = 0; r < repeat; r++)
        if (!bedside_evaluator_run (evaluator, values, &out, &n_out, &error))
          {
            fprintf (stderr, "%s\n", error->message);
            return 1;
          }
      t_run = (now_s () - t0) / repeat;
      printf ("answer_one_s %.6f\neval_s %.9f\nplan_recommendations %u\n", t_answer, t_run, n_out);
    }
  else if (!g_str_equal (phase, "load"))
    {
      fprintf (stderr, "unknown phase '%s'\n", phase);
      return 2;
    }
  printf ("peak_rss_kib %ld\n", peak_rss_kib ());
  return 0;
}
