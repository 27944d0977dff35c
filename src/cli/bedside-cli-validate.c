/* bedside-cli-validate.c: the validate and lint subcommands of bedside-cli. */
#include "config.h"

#include <stdio.h>

#include "bedside-cli-private.h"
#include "bedside-lint.h"

int
bedside_cli_validate (int    argc,
                      char **argv)
{
  static const char summary[] =
    "Checks each guideline against the schema and the loader's semantic checks:\n"
    "references resolve, expressions parse and type-check, ids are unique,\n"
    "every decision ends with 'otherwise'.  Says 'verified' when the SHA256SUMS\n"
    "list in the guideline's folder names it with its checksum, 'unverified' when\n"
    "no list names it, and refuses it when the list has another checksum.";
  g_autoptr(GOptionContext) context = NULL;
  int status = BEDSIDE_CLI_EXIT_OK;

  context = bedside_cli_option_context_new ("validate", "FILE…", summary, NULL);
  if (!bedside_cli_parse_options (context, &argc, &argv))
    return BEDSIDE_CLI_EXIT_USAGE;
  if (argc < 2)
    return bedside_cli_usage_error (context, "no guideline given");

  for (int i = 1; i < argc; i++)
    {
      BedsideIntegrityStatus integrity = BEDSIDE_INTEGRITY_UNVERIFIED;
      g_autoptr(BedsideGuideline) guideline = bedside_cli_load_guideline_verified (argv[i], FALSE, &integrity);

      if (guideline == NULL)
        {
          status = BEDSIDE_CLI_EXIT_FAILED;
          continue;
        }

      /* verified: the SHA256SUMS list in its folder names it with this
       * checksum; unverified: no list there names it. */
      printf ("%s: valid (%s %s, %u items, %u recommendations), %s\n",
              argv[i],
              bedside_guideline_get_id (guideline),
              bedside_guideline_get_version (guideline),
              bedside_guideline_get_n_items (guideline),
              bedside_guideline_get_n_recommendations (guideline),
              bedside_integrity_status_to_string (integrity));
      bedside_cli_warn_if_overdue (guideline);
    }

  return status;
}

int
bedside_cli_lint (int    argc,
                  char **argv)
{
  static const char summary[] =
    "Validates the guideline, then looks for what is valid but probably wrong:\n"
    "combinations of answers no branch covers, branches no answers reach,\n"
    "items nothing reads, recommendations the tree never adds.\n"
    "Exits with 1 when there is an error or a warning; notes do not count.";
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  const char *path;
  guint n_warnings = 0;

  context = bedside_cli_option_context_new ("lint", "FILE", summary, NULL);
  if (!bedside_cli_parse_options (context, &argc, &argv))
    return BEDSIDE_CLI_EXIT_USAGE;
  if (argc != 2)
    return bedside_cli_usage_error (context, argc < 2 ? "no guideline given"
                                                      : "lint takes one guideline");

  guideline = bedside_cli_load_guideline (argv[1]);
  if (guideline == NULL)
    return BEDSIDE_CLI_EXIT_FAILED;

  /* Lines refer to the file that was read, which for a bundled id is not
   * the argument. */
  path = bedside_guideline_get_path (guideline);
  if (path == NULL)
    path = argv[1];

  issues = bedside_lint (guideline);
  for (guint i = 0; i < issues->len; i++)
    {
      const BedsideLintIssue *issue = g_ptr_array_index (issues, i);
      const char *severity = bedside_lint_severity_to_string (issue->severity);
      g_autofree char *where = issue->line > 0 ? g_strdup_printf ("%s:%u", path, issue->line)
                                               : g_strdup (path);

      if (issue->severity == BEDSIDE_LINT_WARNING || issue->severity == BEDSIDE_LINT_ERROR)
        n_warnings++;
      printf ("%s: %s: [%s] %s\n", where, severity, issue->code, issue->message);
    }

  if (issues->len == 0)
    printf ("%s: no issues\n", argv[1]);

  return n_warnings > 0 ? BEDSIDE_CLI_EXIT_FAILED : BEDSIDE_CLI_EXIT_OK;
}
