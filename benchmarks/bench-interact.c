/* bench-interact.c: what the app computes on an answer change and on the
 * last answer, through the same engine calls its pages make (widgets not
 * included; see README.md).
 *
 *   bench-interact GUIDELINE ANSWERS.json|- REPEAT
 *
 * "-" answers every item (booleans true, numbers min + 1, choices the second
 * code), as bench-scale does.  Answer change: the items are answered one by
 * one in questionnaire order; each step is bedside_session_set_answer()
 * (enable-when recomputed), the consultation page's update_state() (every
 * row's visibility, the section's validity, next/previous section, enabled
 * sections counted) and the window's bedside_evaluator_run_partial().
 * Last answer → plan: bedside_session_is_complete(), bedside_evaluator_run(),
 * bedside_evaluator_to_plan() and the text of the plan for both audiences
 * (the plan page's content).  Prints the median and the 99th percentile in microseconds. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bedside-evaluator.h"
#include "bedside-render.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
update_state (BedsideSession *session, gint section, guint n_items)
{
  volatile guint sink = 0;

  for (guint i = 0; i < n_items; i++)
    sink += bedside_session_is_enabled (session, i);
  for (gint s = bedside_session_next_section (session, -1); s >= 0; s = bedside_session_next_section (session, s))
    sink++;
  sink += bedside_session_section_is_valid (session, (guint) section);
  sink += bedside_session_next_section (session, section) < 0;
  sink += bedside_session_previous_section (session, section) >= 0;
  (void) sink;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(BedsideSession) answers = NULL;
  g_autoptr(BedsideEvaluator) evaluator = NULL;
  GArray *change, *plan_times;
  guint n_items, repeat;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s GUIDELINE ANSWERS.json|- REPEAT\n", argv[0]);
      return 2;
    }
  repeat = (guint) MAX (1, atoi (argv[3]));
  guideline = bedside_guideline_new_from_file (argv[1], &error);
  if (guideline == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  n_items = bedside_guideline_get_n_items (guideline);
  answers = bedside_session_new (guideline);
  if (g_str_equal (argv[2], "-"))
    {
      for (guint i = 0; i < n_items; i++)
        {
          const BedsideItem *item = bedside_guideline_get_item (guideline, i);
          BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = item->type };

          if (item->type == BEDSIDE_TYPE_BOOLEAN)
            value.boolean = TRUE;
          else if (item->type == BEDSIDE_TYPE_INTEGER)
            value.integer = (gint64) (item->has_min ? item->min + 1 : 1);
          else if (item->type == BEDSIDE_TYPE_CHOICE)
            value.code = item->n_options > 1 ? 1 : 0;
          else
            continue;
          bedside_session_set_answer (answers, i, &value, NULL);
        }
    }
  else
    {
      g_autoptr(JsonNode) node = bedside_answers_file_read (argv[2], &error);
      if (node == NULL || !bedside_session_load_answers_json (answers, node, argv[2], &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }

  evaluator = bedside_evaluator_new (guideline);
  change = g_array_new (FALSE, FALSE, sizeof (double));
  plan_times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < repeat; r++)
    {
      g_autoptr(BedsideSession) session = bedside_session_new (guideline);

      for (guint i = 0; i < n_items; i++)
        {
          const BedsideValue *value = bedside_session_get_answer (answers, i);
          const BedsideItem *item = bedside_guideline_get_item (guideline, i);
          const guint *out;
          guint n_out;
          gint64 t0;
          double us;

          if (value == NULL || value->state != BEDSIDE_VALUE_KNOWN)
            continue;
          t0 = g_get_monotonic_time ();
          bedside_session_set_answer (session, i, value, NULL);
          update_state (session, (gint) item->section, n_items);
          bedside_evaluator_run_partial (evaluator, bedside_session_get_values (session), &out, &n_out);
          us = (double) (g_get_monotonic_time () - t0);
          g_array_append_val (change, us);
        }

      {
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr(BedsideCarePlan) plan = NULL;
        g_autofree char *text = NULL;
        double us;

        if (!bedside_session_is_complete (session) ||
            !bedside_evaluator_run (evaluator, bedside_session_get_values (session), NULL, NULL, &error))
          {
            fprintf (stderr, "incomplete: %s\n", error ? error->message : "");
            return 1;
          }
        plan = bedside_evaluator_to_plan (evaluator);
        text = bedside_render_text (plan, BEDSIDE_AUDIENCE_BOTH);
        us = (double) (g_get_monotonic_time () - t0);
        g_array_append_val (plan_times, us);
      }
    }

  g_array_sort (change, compare_double);
  g_array_sort (plan_times, compare_double);
  printf ("items %u\nanswer_changes %u\n", n_items, change->len);
  printf ("answer_change_us_median %.1f\nanswer_change_us_p99 %.1f\n",
          g_array_index (change, double, change->len / 2), g_array_index (change, double, change->len * 99 / 100));
  printf ("plan_us_median %.1f\nplan_us_p99 %.1f\n",
          g_array_index (plan_times, double, plan_times->len / 2),
          g_array_index (plan_times, double, plan_times->len * 99 / 100));
  g_array_unref (change);
  g_array_unref (plan_times);
  return 0;
}
