/* bench-eval.c: in-process throughput of the evaluator on the LOGIC.md cases.
 *
 *   bench-eval GUIDELINE CASES.jsonl ROUNDS OUT.txt
 *
 * Every case is read into a flat array of values first (through the
 * session, as the app and the CLI do); only the evaluation loop is timed:
 * bedside_evaluator_run() over all cases, ROUNDS times.  Also timed, for
 * the batch analysis: run + plan (bedside_evaluator_to_plan) and run +
 * plan + the batch JSON writer.  Prints "key value" lines; writes each
 * case's recommendation ids, sorted and comma-separated, to OUT.txt. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bedside-evaluator.h"
#include "bedside-render.h"

static double
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static int
compare_str (const void *a, const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(BedsideEvaluator) evaluator = NULL;
  g_autoptr(BedsideJsonPlanWriter) writer = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint n_items, n_cases = 0, rounds;
  GArray *values;
  double *times;
  guint64 checksum = 0;
  FILE *out;

  if (argc != 5)
    {
      fprintf (stderr, "usage: %s GUIDELINE CASES.jsonl ROUNDS OUT.txt\n", argv[0]);
      return 2;
    }
  rounds = (guint) MAX (1, atoi (argv[3]));
  guideline = bedside_guideline_new_from_file (argv[1], &error);
  if (guideline == NULL || !g_file_get_contents (argv[2], &data, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  n_items = bedside_guideline_get_n_items (guideline);
  session = bedside_session_new (guideline);
  values = g_array_new (FALSE, FALSE, sizeof (BedsideValue));

  for (char *line = data, *next; line != NULL && *line != '\0'; line = next)
    {
      g_autoptr(JsonNode) node = NULL;
      char *newline = strchr (line, '\n');

      next = newline != NULL ? newline + 1 : NULL;
      if (newline == line)
        continue;
      node = bedside_answers_data_read (line, newline != NULL ? newline - line : -1, "case", &error);
      bedside_session_clear (session);
      if (node == NULL || !bedside_session_load_answers_json (session, node, "case", &error))
        {
          fprintf (stderr, "case %u: %s\n", n_cases + 1, error->message);
          return 1;
        }
      /* Only booleans, integers and choices: no text points into the session. */
      g_array_append_vals (values, bedside_session_get_values (session), n_items);
      n_cases++;
    }

  evaluator = bedside_evaluator_new (guideline);
  times = g_new (double, rounds);

  /* Warm-up round, then the timed ones. */
  for (guint r = 0; r <= rounds; r++)
    {
      const BedsideValue *v = (const BedsideValue *) values->data;
      double t0 = now_ns ();

      for (guint c = 0; c < n_cases; c++)
        {
          const guint *ids;
          guint n;

          if (G_UNLIKELY (!bedside_evaluator_run (evaluator, v + (gsize) c * n_items, &ids, &n, &error)))
            {
              fprintf (stderr, "case %u: %s\n", c + 1, error->message);
              return 1;
            }
          checksum += n;
        }
      if (r > 0)
        times[r - 1] = (now_ns () - t0) / n_cases;
    }
  printf ("cases %u\nrounds %u\nchecksum %" G_GUINT64_FORMAT "\n", n_cases, rounds, checksum);
  printf ("ns_per_eval_min %.1f\n", (qsort (times, rounds, sizeof *times, compare_double), times[0]));
  printf ("ns_per_eval_median %.1f\n", median (times, rounds));

  /* Run + plan, and run + plan + JSON (what a batch line costs past parsing). */
  writer = bedside_json_plan_writer_new (guideline, BEDSIDE_AUDIENCE_CLINICIAN);
  for (guint mode = 0; mode < 2; mode++)
    {
      const BedsideValue *v = (const BedsideValue *) values->data;
      GString *buffer = g_string_sized_new (1 << 20);
      guint n_plan = MIN (n_cases, 20000);
      double t0 = now_ns ();

      for (guint c = 0; c < n_plan; c++)
        {
          BedsideCarePlan *plan;

          bedside_evaluator_run (evaluator, v + (gsize) c * n_items, NULL, NULL, NULL);
          plan = bedside_evaluator_to_plan (evaluator);
          if (mode == 1)
            {
              bedside_json_plan_writer_append (writer, plan, buffer);
              g_string_truncate (buffer, 0);
            }
          bedside_care_plan_unref (plan);
        }
      printf ("%s %.1f\n", mode == 0 ? "ns_per_eval_plan" : "ns_per_eval_plan_json",
              (now_ns () - t0) / n_plan);
      g_string_free (buffer, TRUE);
    }

  out = fopen (argv[4], "w");
  if (out == NULL)
    {
      perror (argv[4]);
      return 1;
    }
  for (guint c = 0; c < n_cases; c++)
    {
      const guint *ids;
      guint n;
      const char *names[256];

      bedside_evaluator_run (evaluator, (const BedsideValue *) values->data + (gsize) c * n_items, &ids, &n, NULL);
      n = MIN (n, G_N_ELEMENTS (names));
      for (guint i = 0; i < n; i++)
        names[i] = bedside_guideline_get_recommendation (guideline, ids[i])->id;
      qsort (names, n, sizeof names[0], compare_str);
      for (guint i = 0; i < n; i++)
        fprintf (out, "%s%s", i ? "," : "", names[i]);
      fputc ('\n', out);
    }
  fclose (out);
  g_free (times);
  g_array_unref (values);
  return 0;
}
