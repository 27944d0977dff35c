/* bedside-cli-test.c: the test subcommand: runs clinical vignettes against a guideline. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bedside-cli-private.h"
#include "bedside-evaluator.h"

/* Thousands of vignettes fit in a few megabytes. */
#define VIGNETTES_MAX_SIZE (64 * 1024 * 1024)

static const char test_summary[] =
  "Runs each vignette of VIGNETTES.jsonl, one JSON object per line:\n"
  "  {\"name\": …, \"answers\": {…}, \"expect\": {\"include\": [ids],\n"
  "   \"exclude\": [ids], \"pathway\": …}}\n"
  "and prints PASS or FAIL for each, then 'N passed, N failed'.\n"
  "A vignette that cannot be evaluated fails with the reason.\n"
  "VIGNETTES.jsonl may be - to read standard input.";

/* Checks that @member of @expect, when present, is an array of strings that
 * name recommendations of the guideline: a misspelt id in "exclude" would
 * otherwise pass for ever. */
static JsonArray *
get_id_list (JsonObject        *expect,
             const char        *member,
             BedsideGuideline  *guideline,
             GString           *problems)
{
  JsonNode *node = json_object_get_member (expect, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_string_append_printf (problems, "%s\"expect.%s\" is not an array",
                              problems->len > 0 ? "; " : "", member);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        g_string_append_printf (problems, "%s\"expect.%s\" holds something other than an id",
                                problems->len > 0 ? "; " : "", member);
      else if (bedside_guideline_lookup_recommendation (guideline, json_node_get_string (element)) == NULL)
        g_string_append_printf (problems, "%s\"expect.%s\": no recommendation '%s'",
                                problems->len > 0 ? "; " : "", member,
                                json_node_get_string (element));
    }

  return problems->len > 0 ? NULL : array;
}

/* NULL when the plan meets @expect, else what is wrong:
 * "missing a, b; unexpected c; pathway acute != chronic". */
static char *
compare_plan (const BedsideCarePlan *plan,
              JsonArray             *include,
              JsonArray             *exclude,
              JsonNode              *pathway)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) unexpected = g_string_new (NULL);
  GString *problems = g_string_new (NULL);

  for (guint i = 0; include != NULL && i < json_array_get_length (include); i++)
    {
      const char *id = json_array_get_string_element (include, i);

      if (bedside_care_plan_lookup (plan, id) == NULL)
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", id);
    }

  for (guint i = 0; exclude != NULL && i < json_array_get_length (exclude); i++)
    {
      const char *id = json_array_get_string_element (exclude, i);

      if (bedside_care_plan_lookup (plan, id) != NULL)
        g_string_append_printf (unexpected, "%s%s", unexpected->len > 0 ? ", " : "", id);
    }

  if (missing->len > 0)
    g_string_append_printf (problems, "missing %s", missing->str);
  if (unexpected->len > 0)
    g_string_append_printf (problems, "%sunexpected %s", problems->len > 0 ? "; " : "",
                            unexpected->str);

  /* An absent "pathway" is not checked; null expects none. */
  if (pathway != NULL)
    {
      const char *expected = JSON_NODE_HOLDS_NULL (pathway) ? NULL : json_node_get_string (pathway);
      const char *actual = bedside_care_plan_get_pathway (plan);

      if (g_strcmp0 (expected, actual) != 0)
        g_string_append_printf (problems, "%spathway %s != %s", problems->len > 0 ? "; " : "",
                                actual != NULL ? actual : "(none)",
                                expected != NULL ? expected : "(none)");
    }

  if (problems->len == 0)
    {
      g_string_free (problems, TRUE);
      return NULL;
    }

  return g_string_free (problems, FALSE);
}

/* Runs one vignette.  Sets *name to its name (or "line N") and returns NULL
 * when it passes, else why it failed. */
static char *
run_vignette (BedsideSession *session,
              const char     *line,
              gsize           length,
              const char     *file_name,
              const char     *display_name,
              guint           line_number,
              char          **name)
{
  BedsideGuideline *guideline = bedside_session_get_guideline (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  JsonObject *vignette;
  JsonObject *expect;
  JsonNode *answers;
  JsonNode *pathway;
  JsonArray *include;
  JsonArray *exclude;
  char *missing;

  *name = g_strdup_printf ("line %u", line_number);

  /* The answers reader refuses duplicate keys, which matters as much in a
   * vignette as in an answers file. */
  root = bedside_answers_line_read (line, (gssize) length, file_name, line_number, &error);
  if (root == NULL)
    return bedside_cli_format_error (display_name, error);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup_printf ("%s: a vignette is a JSON object", display_name);

  vignette = json_node_get_object (root);
  if (json_object_has_member (vignette, "name") &&
      json_node_get_value_type (json_object_get_member (vignette, "name")) == G_TYPE_STRING)
    {
      g_free (*name);
      *name = g_strdup (json_object_get_string_member (vignette, "name"));
    }

  answers = json_object_get_member (vignette, "answers");
  if (answers == NULL)
    return g_strdup_printf ("%s: no \"answers\"", display_name);
  if (!json_object_has_member (vignette, "expect") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (vignette, "expect")))
    return g_strdup_printf ("%s: no \"expect\" object", display_name);

  expect = json_object_get_object_member (vignette, "expect");
  include = get_id_list (expect, "include", guideline, problems);
  exclude = get_id_list (expect, "exclude", guideline, problems);
  pathway = json_object_get_member (expect, "pathway");
  if (pathway != NULL && !JSON_NODE_HOLDS_NULL (pathway) &&
      json_node_get_value_type (pathway) != G_TYPE_STRING)
    g_string_append_printf (problems, "%s\"expect.pathway\" is not a string",
                            problems->len > 0 ? "; " : "");
  if (problems->len > 0)
    return g_strdup_printf ("%s: %s", display_name, problems->str);

  bedside_session_clear (session);
  if (!bedside_session_load_answers_json (session, answers, display_name, &error))
    return bedside_cli_format_error (display_name, error);

  missing = bedside_cli_describe_missing (session);
  if (missing != NULL)
    return missing;

  plan = bedside_evaluate (session, &error);
  if (plan == NULL)
    return bedside_cli_format_error (display_name, error);

  return compare_plan (plan, include, exclude, pathway);
}

int
bedside_cli_test (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *vignettes_path;
  const char *data;
  const char *end;
  gsize length;
  guint line_number = 0;
  guint n_passed = 0;
  guint n_failed = 0;

  context = bedside_cli_option_context_new ("test", "FILE VIGNETTES.jsonl", test_summary, NULL);
  if (!bedside_cli_parse_options (context, &argc, &argv))
    return BEDSIDE_CLI_EXIT_USAGE;
  if (argc != 3)
    return bedside_cli_usage_error (context, "test takes a guideline and a vignettes file");

  vignettes_path = argv[2];

  guideline = bedside_cli_load_guideline (argv[1]);
  if (guideline == NULL)
    return BEDSIDE_CLI_EXIT_FAILED;

  if (!bedside_file_read (vignettes_path, VIGNETTES_MAX_SIZE, BEDSIDE_FILE_READ_STDIN,
                          &contents, &length, &error))
    {
      bedside_cli_print_error (vignettes_path, error);
      return BEDSIDE_CLI_EXIT_FAILED;
    }

  session = bedside_session_new (guideline);
  data = contents;
  end = contents + length;

  while (data < end)
    {
      const char *newline = memchr (data, '\n', (gsize) (end - data));
      const char *line_end = newline != NULL ? newline : end;
      gsize line_length = (gsize) (line_end - data);
      g_autofree char *display_name = NULL;
      g_autofree char *name = NULL;
      g_autofree char *failure = NULL;

      line_number++;
      if (line_length > 0 && data[line_length - 1] == '\r')
        line_length--;

      /* Blank lines separate groups of vignettes; they are not vignettes. */
      if (strspn (data, " \t\r") >= line_length)
        {
          data = newline != NULL ? newline + 1 : end;
          continue;
        }

      display_name = g_strdup_printf ("%s:%u", vignettes_path, line_number);
      failure = run_vignette (session, data, line_length, vignettes_path, display_name, line_number, &name);

      if (failure == NULL)
        {
          printf ("PASS %s\n", name);
          n_passed++;
        }
      else
        {
          /* One line per vignette, whatever the engine's message holds. */
          g_strdelimit (failure, "\n", ' ');
          printf ("FAIL %s: %s\n", name, failure);
          n_failed++;
        }

      data = newline != NULL ? newline + 1 : end;
    }

  printf ("%u passed, %u failed\n", n_passed, n_failed);

  return n_failed > 0 ? BEDSIDE_CLI_EXIT_FAILED : BEDSIDE_CLI_EXIT_OK;
}
