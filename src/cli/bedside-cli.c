/* bedside-cli.c: the bedside-cli program: dispatches to one subcommand. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bedside-cli-private.h"

typedef struct {
  const char *name;
  const char *synopsis;
  const char *summary;
  int       (*run) (int argc, char **argv);
} BedsideCliCommand;

static const BedsideCliCommand commands[] = {
  { "validate",  "validate FILE...",
    "schema and semantic checks", bedside_cli_validate },
  { "lint",      "lint FILE",
    "coverage, unreachable branches, unused items, uncited recommendations", bedside_cli_lint },
  { "questions", "questions FILE [--json]",
    "the questionnaire, in order", bedside_cli_questions },
  { "evaluate",  "evaluate FILE --answers ANSWERS.json [--format text|json|pdf]\n"
                 "                       [--audience clinician|patient|both] [--lang LANG] [-o OUT]\n"
                 "  bedside-cli evaluate FILE --batch CASES.jsonl [-o OUT]",
    "a care plan from answers; --batch: one JSON plan per input line", bedside_cli_evaluate },
  { "test",      "test FILE VIGNETTES.jsonl",
    "expected outcomes; ends with 'N passed, N failed'", bedside_cli_test },
};

static void
print_usage (FILE *stream)
{
  fputs ("Usage:\n"
         "  bedside-cli COMMAND [OPTION…] ARGUMENTS\n"
         "\n"
         "Bedside turns a guideline into a questionnaire and a care plan.\n"
         "FILE is a guideline file or the id of a bundled guideline (back-spasm).\n"
         "\n"
         "Commands:\n", stream);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs ("\n"
         "Synopsis:\n", stream);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  bedside-cli %s\n", commands[i].synopsis);
  fputs ("\n"
         "Run 'bedside-cli COMMAND --help' for the options of a command.\n"
         "Exit status: 0 success; 1 invalid input, incomplete answers or failed tests;\n"
         "2 usage error.\n", stream);
}

static const BedsideCliCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static int
run (int    argc,
     char **argv)
{
  const BedsideCliCommand *command;

  /* GOptionContext writes its help in the locale's charset. */
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return BEDSIDE_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "-?"))
    {
      print_usage (stdout);
      return BEDSIDE_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("bedside-cli %s\n", PACKAGE_VERSION);
      return BEDSIDE_CLI_EXIT_OK;
    }

  /* "help COMMAND" is "COMMAND --help", as in git. */
  if (g_str_equal (argv[1], "help"))
    {
      char *help_argv[3] = { NULL, (char *) "--help", NULL };

      if (argc < 3)
        {
          print_usage (stdout);
          return BEDSIDE_CLI_EXIT_OK;
        }
      command = lookup_command (argv[2]);
      if (command == NULL)
        {
          fprintf (stderr, "bedside-cli: unknown command '%s'\n\n", argv[2]);
          print_usage (stderr);
          return BEDSIDE_CLI_EXIT_USAGE;
        }
      help_argv[0] = argv[2];
      return command->run (2, help_argv);
    }

  command = lookup_command (argv[1]);
  if (command == NULL)
    {
      fprintf (stderr, "bedside-cli: unknown command '%s'\n\n", argv[1]);
      print_usage (stderr);
      return BEDSIDE_CLI_EXIT_USAGE;
    }

  return command->run (argc - 1, argv + 1);
}

int
main (int    argc,
      char **argv)
{
  int status = run (argc, argv);

  /* A report that never reached its reader is a failure, whatever the
   * command (validate, lint, questions, evaluate, test, help). */
  if (!bedside_cli_finish_stdout () && status == BEDSIDE_CLI_EXIT_OK)
    status = BEDSIDE_CLI_EXIT_FAILED;
  return status;
}
