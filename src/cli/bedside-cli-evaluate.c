/* bedside-cli-evaluate.c: the evaluate subcommand: one care plan, or a batch of them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bedside-cli-private.h"
#include "bedside-consultation.h"
#include "bedside-evaluator.h"
#include "bedside-render.h"
#include "bedside-render-pages.h"

/* Batch output is written in chunks of about this size: large enough that
 * writes cost nothing, small enough that a long batch does not pile up. */
#define BATCH_FLUSH_SIZE (256 * 1024)

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_PDF,
} OutputFormat;

/* What a PDF needs besides the plan. */
typedef struct {
  BedsidePaper           paper;
  BedsidePageOptionsView options;
} PdfRequest;

static const char evaluate_summary[] =
  "Evaluates the answers of one consultation through the guideline's decision\n"
  "tree and writes the care plan.  A plan is produced only when every enabled\n"
  "required item is answered.\n"
  "\n"
  "With --batch, each line of CASES.jsonl is one answers object, and each line\n"
  "of the output is its JSON plan, in the same order; a line that cannot be\n"
  "evaluated gives {\"error\": \"…\"} and the exit status is 1.\n"
  "\n"
  "--format pdf writes printable pages to OUT (-o is required): the clinician\n"
  "plan, the patient handout, or with --audience both the plan followed by the\n"
  "handout.  The paper is A4 or US Letter (--paper; default: the locale's).\n"
  "\n"
  "Every patient handout, as text or PDF, says where to get help: the\n"
  "emergency number (--emergency-number; default " BEDSIDE_DEFAULT_EMERGENCY_NUMBER ") and the clinic's phone\n"
  "(--clinic-phone), when given.  A handout asked for (--lang) in a language\n"
  "the guideline has no translation into is an error, never English.";

static char *
render_plan (const BedsideCarePlan        *plan,
             OutputFormat                  format,
             BedsideAudience               audience,
             BedsideTranslation           *handout,
             const BedsideHandoutContacts *contacts)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  GString *out;

  if (format == FORMAT_TEXT)
    return bedside_render_text_with_contacts (plan, audience, handout, contacts);

  root = bedside_render_json (plan, audience);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

/* YYYY-MM-DD, a real date: a printed plan must not carry 2024-02-30. */
static gboolean
is_iso_date (const char *text)
{
  guint year, month, day;
  char end;

  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Writes the pages of @plan as PDF to @output ("-": standard output). */
static int
write_pdf (BedsideCarePlan  *plan,
           BedsideAudience   audience,
           const PdfRequest *pdf,
           const char       *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsidePages) pages = bedside_pages_new (plan, audience, &pdf->options);
  gboolean written;

  {
    g_autoptr(GOutputStream) stream = bedside_cli_open_output (output, &error);

    written = stream != NULL && bedside_pages_write_pdf (pages, pdf->paper, stream, NULL, &error);
    if (stream != NULL && !written)
      bedside_cli_abandon_output (stream);
    else if (written)
      written = g_output_stream_close (stream, NULL, &error);
  }

  if (!written)
    {
      bedside_cli_print_error (output, error);
      return BEDSIDE_CLI_EXIT_FAILED;
    }
  return BEDSIDE_CLI_EXIT_OK;
}

/* A phone number as a patient dials it: digits, with spaces, dashes,
 * dots, parentheses or a leading '+' between them; short. */
static gboolean
is_phone_number (const char *text)
{
  gboolean any_digit = FALSE;

  if (strlen (text) > 32)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        any_digit = TRUE;
      else if (strchr (" -.()", *p) == NULL && !(*p == '+' && p == text))
        return FALSE;
    }
  return any_digit;
}

/* A saved consultation, read as the app reads it: a file made with
 * another version or file of the guideline is a warning, and an answer
 * the guideline no longer takes is an error (the plan would silently
 * change without it). */
static BedsideSession *
restore_consultation (BedsideGuideline *guideline,
                      JsonNode         *root,
                      const char       *answers_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideConsultation) consultation = NULL;
  g_autoptr(GPtrArray) mismatches = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autofree char *change = NULL;

  consultation = bedside_consultation_new_from_json (root, answers_path, &error);
  if (consultation != NULL)
    session = bedside_consultation_restore (consultation, guideline, &mismatches, &error);
  if (session == NULL)
    {
      bedside_cli_print_error (answers_path, error);
      return NULL;
    }
  change = bedside_consultation_describe_guideline_change (consultation, guideline);
  if (change != NULL)
    fprintf (stderr, "%s: warning: %s\n", g_get_prgname (), change);
  for (guint i = 0; mismatches != NULL && i < mismatches->len; i++)
    {
      const BedsideAnswerMismatch *mismatch = g_ptr_array_index (mismatches, i);
      fprintf (stderr, "%s: %s: %s\n", answers_path, mismatch->item_id, mismatch->message);
    }
  if (mismatches != NULL && mismatches->len > 0)
    return NULL;
  return g_steal_pointer (&session);
}

static int
evaluate_one (BedsideGuideline   *guideline,
              const char         *answers_path,
              OutputFormat        format,
              BedsideAudience     audience,
              BedsideTranslation *handout,
              const PdfRequest   *pdf,
              const char         *output)
{
  const BedsideHandoutContacts contacts = {
    .emergency_number = pdf->options.emergency_number,
    .clinic_name = pdf->options.clinic_name,
    .clinic_phone = pdf->options.clinic_phone,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answers = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;

  answers = bedside_answers_file_read_full (answers_path, BEDSIDE_FILE_READ_STDIN, &error);
  if (answers == NULL)
    {
      bedside_cli_print_error (answers_path, error);
      return BEDSIDE_CLI_EXIT_FAILED;
    }

  if (JSON_NODE_HOLDS_OBJECT (answers) && json_object_has_member (json_node_get_object (answers), "format"))
    session = restore_consultation (guideline, answers, answers_path);
  else
    {
      session = bedside_session_new (guideline);
      if (!bedside_session_load_answers_json (session, answers, answers_path, &error))
        {
          bedside_cli_print_error (answers_path, error);
          g_clear_pointer (&session, bedside_session_unref);
        }
    }
  if (session == NULL)
    return BEDSIDE_CLI_EXIT_FAILED;

  missing = bedside_cli_describe_missing (session);
  if (missing != NULL)
    {
      fprintf (stderr, "%s: %s\n", answers_path, missing);
      return BEDSIDE_CLI_EXIT_FAILED;
    }

  plan = bedside_evaluate (session, &error);
  if (plan == NULL)
    {
      bedside_cli_print_error (answers_path, error);
      return BEDSIDE_CLI_EXIT_FAILED;
    }

  if (format == FORMAT_PDF)
    return write_pdf (plan, audience, pdf, output);

  text = render_plan (plan, format, audience, handout, &contacts);

  return bedside_cli_write_output (output, text, strlen (text)) ? BEDSIDE_CLI_EXIT_OK
                                                                : BEDSIDE_CLI_EXIT_FAILED;
}

/* A batch names the first few failing lines on stderr, then only counts:
 * the error objects in the output say it all, line by line. */
#define BATCH_MAX_REPORTED 20

/* What a batch reuses from line to line, so that a line costs only its own
 * parsing, evaluation and output. */
typedef struct {
  BedsideSession   *session;
  BedsideEvaluator *evaluator;
} Batch;

static BedsideCarePlan *
evaluate_case (Batch       *batch,
               const char  *line,
               gsize        length,
               const char  *file_name,
               guint        line_number,
               const char  *display_name,
               GError     **error)
{
  g_autoptr(JsonNode) answers = NULL;
  g_autofree char *missing = NULL;
  const guint *out;
  guint n_out;

  answers = bedside_answers_line_read (line, (gssize) length, file_name, line_number, error);
  if (answers == NULL)
    return NULL;

  bedside_session_clear (batch->session);
  if (!bedside_session_load_answers_json (batch->session, answers, display_name, error))
    return NULL;

  missing = bedside_cli_describe_missing (batch->session);
  if (missing != NULL)
    {
      g_set_error_literal (error, BEDSIDE_EVALUATOR_ERROR, BEDSIDE_EVALUATOR_ERROR_INCOMPLETE,
                           missing);
      return NULL;
    }

  if (!bedside_evaluator_run (batch->evaluator, bedside_session_get_values (batch->session),
                              &out, &n_out, error))
    return NULL;

  return bedside_evaluator_to_plan (batch->evaluator);
}

static void
append_error_object (GString    *out,
                     const char *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text = NULL;

  json_object_set_string_member (object, "error", message);
  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  g_string_append (out, text);
}

/* The plan of one line of a batch, or NULL and @error; a line over the
 * limit ends the batch (the reader reads no further). */
static BedsideCarePlan *
evaluate_line (Batch       *batch,
               const char  *line,
               gsize        length,
               gboolean     too_long,
               const char  *file_name,
               guint        line_number,
               const char  *display_name,
               GError     **error)
{
  if (too_long)
    {
      g_autofree char *limit = bedside_file_format_limit (BEDSIDE_ANSWERS_MAX_SIZE);
      g_set_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_INVALID,
                   "%s: the line is too long (the limit is %s); the lines after it are not read",
                   display_name, limit);
      return NULL;
    }
  return evaluate_case (batch, line, length, file_name, line_number, display_name, error);
}

/* Writes the rest of @buffer and closes @stream; *@error may hold a write
 * error from the loop already.  Prints what went wrong and returns FALSE. */
static gboolean
finish_batch_output (GOutputStream  *stream,
                     GString        *buffer,
                     const GError   *read_error,
                     const char     *cases_path,
                     const char     *output,
                     GError        **error)
{
  /* A batch that could not be read to its end is no batch: nothing
   * replaces the output. */
  if (read_error != NULL)
    {
      bedside_cli_print_error (cases_path, read_error);
      bedside_cli_abandon_output (stream);
      return FALSE;
    }
  if (*error == NULL)
    g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, NULL, error);
  if (*error == NULL)
    g_output_stream_close (stream, NULL, error);
  if (*error != NULL)
    {
      bedside_cli_print_error (output != NULL ? output : "standard output", *error);
      bedside_cli_abandon_output (stream);
      return FALSE;
    }
  return TRUE;
}

static int
evaluate_batch (BedsideGuideline *guideline,
                const char       *cases_path,
                BedsideAudience   audience,
                const char       *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(BedsideLineReader) reader = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(BedsideSession) session = NULL;
  g_autoptr(BedsideEvaluator) evaluator = NULL;
  g_autoptr(BedsideJsonPlanWriter) writer = NULL;
  g_autoptr(GString) buffer = NULL;
  const char *line;
  gsize length;
  gboolean too_long;
  guint line_number = 0;
  guint n_failed = 0;
  Batch batch;

  /* Line by line: a batch may be far larger than memory, or a pipe. */
  reader = bedside_line_reader_new (cases_path, BEDSIDE_FILE_READ_STDIN, BEDSIDE_ANSWERS_MAX_SIZE, &error);
  if (reader == NULL)
    {
      bedside_cli_print_error (cases_path, error);
      return BEDSIDE_CLI_EXIT_FAILED;
    }

  stream = bedside_cli_open_output (output, &error);
  if (stream == NULL)
    {
      bedside_cli_print_error (output, error);
      return BEDSIDE_CLI_EXIT_FAILED;
    }

  session = bedside_session_new (guideline);
  evaluator = bedside_evaluator_new (guideline);
  writer = bedside_json_plan_writer_new (guideline, audience);
  buffer = g_string_sized_new (BATCH_FLUSH_SIZE + 64 * 1024);
  batch = (Batch) { session, evaluator };

  while (bedside_line_reader_next (reader, &line, &length, &too_long, &read_error))
    {
      g_autoptr(BedsideCarePlan) plan = NULL;
      g_autoptr(GError) line_error = NULL;
      char display_name[4096];

      line_number++;
      g_snprintf (display_name, sizeof display_name, "%s:%u", cases_path, line_number);

      plan = evaluate_line (&batch, line, length, too_long, cases_path, line_number, display_name, &line_error);
      if (plan != NULL)
        bedside_json_plan_writer_append (writer, plan, buffer);
      else
        {
          g_autofree char *message = bedside_cli_format_error (display_name, line_error);

          if (n_failed < BATCH_MAX_REPORTED)
            fprintf (stderr, "%s\n", message);
          append_error_object (buffer, message);
          n_failed++;
        }
      g_string_append_c (buffer, '\n');

      if (buffer->len >= BATCH_FLUSH_SIZE)
        {
          if (!g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, NULL, &error))
            break;
          g_string_truncate (buffer, 0);
        }
    }

  if (!finish_batch_output (stream, buffer, read_error, cases_path, output, &error))
    return BEDSIDE_CLI_EXIT_FAILED;

  if (n_failed > BATCH_MAX_REPORTED)
    fprintf (stderr, "%s: %u of %u lines failed\n", cases_path, n_failed, line_number);

  return n_failed > 0 ? BEDSIDE_CLI_EXIT_FAILED : BEDSIDE_CLI_EXIT_OK;
}

/* The command line of evaluate, as given. */
typedef struct {
  char     *answers_path;
  char     *cases_path;
  char     *format_name;
  char     *audience_name;
  char     *language;
  char     *output;
  char     *paper_name;
  char     *clinic;
  char     *clinic_address;
  char     *clinic_phone;
  char     *emergency_number;
  char     *patient_name;
  char     *visit_date;
  gboolean  only_verified;
} EvaluateArgs;

static void
evaluate_args_clear (EvaluateArgs *args)
{
  g_free (args->answers_path);
  g_free (args->cases_path);
  g_free (args->format_name);
  g_free (args->audience_name);
  g_free (args->language);
  g_free (args->output);
  g_free (args->paper_name);
  g_free (args->clinic);
  g_free (args->clinic_address);
  g_free (args->clinic_phone);
  g_free (args->emergency_number);
  g_free (args->patient_name);
  g_free (args->visit_date);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EvaluateArgs, evaluate_args_clear)

/* The options of evaluate; parsing them fills @args. */
static GOptionContext *
evaluate_option_context_new (EvaluateArgs *args)
{
  const GOptionEntry entries[] = {
    { "answers", 'a', 0, G_OPTION_ARG_FILENAME, &args->answers_path,
      "The answers of one consultation (JSON object, or a saved consultation; - reads standard input)", "ANSWERS.json" },
    { "batch", 'b', 0, G_OPTION_ARG_FILENAME, &args->cases_path,
      "One answers object per line; writes one JSON plan per line (- reads standard input)", "CASES.jsonl" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &args->format_name,
      "text (default), json or pdf", "FORMAT" },
    { "audience", 0, 0, G_OPTION_ARG_STRING, &args->audience_name,
      "clinician (default), patient or both", "AUDIENCE" },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &args->language,
      "Language of the patient handout, e.g. es (default: the guideline's)", "LANG" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
      "Write to OUT (replaced atomically) instead of standard output", "OUT" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &args->paper_name,
      "PDF: a4 or letter (default: the locale's paper)", "PAPER" },
    { "clinic", 0, 0, G_OPTION_ARG_STRING, &args->clinic,
      "The clinic's name, in the PDF's header and the handout's help box", "NAME" },
    { "clinic-address", 0, 0, G_OPTION_ARG_STRING, &args->clinic_address,
      "PDF: the clinic's address, in the header", "ADDRESS" },
    { "clinic-phone", 0, 0, G_OPTION_ARG_STRING, &args->clinic_phone,
      "The clinic's phone number, in the PDF's header and the handout's help box", "PHONE" },
    { "emergency-number", 0, 0, G_OPTION_ARG_STRING, &args->emergency_number,
      "The emergency number on every handout (default: " BEDSIDE_DEFAULT_EMERGENCY_NUMBER ")", "NUMBER" },
    { "patient-name", 0, 0, G_OPTION_ARG_STRING, &args->patient_name,
      "PDF: the patient's name, in the header", "NAME" },
    { "visit-date", 0, 0, G_OPTION_ARG_STRING, &args->visit_date,
      "PDF: the date of the visit (YYYY-MM-DD), in the header", "DATE" },
    { "only-verified", 0, 0, G_OPTION_ARG_NONE, &args->only_verified,
      "Refuse a guideline that the SHA256SUMS list in its folder does not name", NULL },
    { NULL }
  };

  /* The context keeps a copy of the entries. */
  return bedside_cli_option_context_new ("evaluate", "FILE", evaluate_summary, entries);
}

/* --format and --audience; the exit status of a usage error, else
 * BEDSIDE_CLI_EXIT_OK. */
static int
read_format (GOptionContext     *context,
             const EvaluateArgs *args,
             OutputFormat       *format,
             BedsideAudience    *audience)
{
  if (args->format_name == NULL || g_str_equal (args->format_name, "text"))
    *format = FORMAT_TEXT;
  else if (g_str_equal (args->format_name, "json"))
    *format = FORMAT_JSON;
  else if (g_str_equal (args->format_name, "pdf"))
    *format = FORMAT_PDF;
  else
    return bedside_cli_usage_error (context, "unknown format '%s'", args->format_name);

  if (args->cases_path != NULL && args->format_name != NULL && *format != FORMAT_JSON)
    return bedside_cli_usage_error (context, "--batch writes JSON only");

  if (args->audience_name != NULL && !bedside_audience_from_string (args->audience_name, audience))
    return bedside_cli_usage_error (context, "unknown audience '%s'", args->audience_name);
  return BEDSIDE_CLI_EXIT_OK;
}

/* What the handout's help box says, for text and PDF handouts, and the
 * PDF's paper and header; the exit status of a usage error, else
 * BEDSIDE_CLI_EXIT_OK. */
static int
read_page_options (GOptionContext     *context,
                   const EvaluateArgs *args,
                   OutputFormat        format,
                   PdfRequest         *pdf)
{
  if (args->emergency_number != NULL && !is_phone_number (args->emergency_number))
    return bedside_cli_usage_error (context, "--emergency-number '%s' is not a phone number",
                                    args->emergency_number);
  if ((args->cases_path != NULL || format == FORMAT_JSON) &&
      (args->clinic != NULL || args->clinic_phone != NULL || args->emergency_number != NULL))
    return bedside_cli_usage_error (context, "--clinic, --clinic-phone and --emergency-number are for "
                                             "text and PDF handouts");
  pdf->options = (BedsidePageOptionsView) {
    .clinic_name = args->clinic,
    .clinic_phone = args->clinic_phone,
    .emergency_number = args->emergency_number,
  };

  if (format == FORMAT_PDF)
    {
      if (args->output == NULL)
        return bedside_cli_usage_error (context, "PDF output needs -o OUT, the file to write");
      if (args->paper_name != NULL && !bedside_paper_from_string (args->paper_name, &pdf->paper))
        return bedside_cli_usage_error (context, "unknown paper '%s' (a4 or letter)", args->paper_name);
      if (args->visit_date != NULL && !is_iso_date (args->visit_date))
        return bedside_cli_usage_error (context, "--visit-date '%s' is not a date (YYYY-MM-DD)", args->visit_date);
      pdf->options.clinic_address = args->clinic_address;
      pdf->options.patient_name = args->patient_name;
      pdf->options.visit_date = args->visit_date;
    }
  else if (args->paper_name != NULL || args->clinic_address != NULL || args->patient_name != NULL ||
           args->visit_date != NULL)
    return bedside_cli_usage_error (context, "--paper, --clinic-address, --patient-name and --visit-date "
                                             "are for --format pdf");
  return BEDSIDE_CLI_EXIT_OK;
}

/* -o never replaces a device, a FIFO, a folder or a link, nor the
 * guideline or the answers it was made from; prints why not. */
static gboolean
output_may_be_written (BedsideGuideline   *guideline,
                       const EvaluateArgs *args)
{
  const char * const inputs[] = { bedside_guideline_get_path (guideline),
                                  args->answers_path != NULL ? args->answers_path : args->cases_path, NULL };

  return bedside_cli_check_output (args->output, inputs);
}

/* --lang is the handout's language, which need not be the interface's:
 * a clinician working in English hands a Spanish handout to the patient.
 * The clinician plan stays in the guideline's language.  Sets *@handout
 * (transfer full); returns the exit status of a failure, else
 * BEDSIDE_CLI_EXIT_OK. */
static int
load_handout (GOptionContext      *context,
              BedsideGuideline    *guideline,
              const EvaluateArgs  *args,
              OutputFormat         format,
              BedsideTranslation **handout)
{
  g_autoptr(GError) error = NULL;
  const char *own = bedside_guideline_get_language (guideline);

  if (!bedside_language_is_valid (args->language))
    return bedside_cli_usage_error (context, "'%s' is not a language code (e.g. es, es_MX)", args->language);
  if ((args->cases_path != NULL || format == FORMAT_JSON) &&
      !bedside_language_matches (args->language, own != NULL ? own : "en"))
    return bedside_cli_usage_error (context, "--lang translates text and PDF handouts; "
                                             "JSON plans carry the guideline's own texts");

  *handout = bedside_translation_new (guideline, args->language, &error);
  if (*handout == NULL)
    return bedside_cli_usage_error (context, "%s", error->message);
  /* A handout the patient cannot read is no handout: a language the
   * guideline has no (valid) translation into, or whose headings and
   * help box Bedside cannot write, fails rather than print English.
   * Only a single string a translation lacks stays in the original. */
  if (!bedside_render_handout_check_language (*handout, &error))
    {
      fprintf (stderr, "%s: %s\n", bedside_guideline_get_path (guideline), error->message);
      return BEDSIDE_CLI_EXIT_FAILED;
    }
  return BEDSIDE_CLI_EXIT_OK;
}

int
bedside_cli_evaluate (int    argc,
                      char **argv)
{
  g_auto(EvaluateArgs) args = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BedsideGuideline) guideline = NULL;
  BedsideAudience audience = BEDSIDE_AUDIENCE_CLINICIAN;
  OutputFormat format = FORMAT_TEXT;
  PdfRequest pdf = { .paper = bedside_paper_get_default () };
  g_autoptr(BedsideTranslation) handout = NULL;
  int status;

  context = evaluate_option_context_new (&args);
  if (!bedside_cli_parse_options (context, &argc, &argv))
    return BEDSIDE_CLI_EXIT_USAGE;

  if (argc != 2)
    return bedside_cli_usage_error (context, argc < 2 ? "no guideline given"
                                                      : "evaluate takes one guideline");
  if ((args.answers_path == NULL) == (args.cases_path == NULL))
    return bedside_cli_usage_error (context, "give either --answers or --batch");

  status = read_format (context, &args, &format, &audience);
  if (status == BEDSIDE_CLI_EXIT_OK)
    status = read_page_options (context, &args, format, &pdf);
  if (status != BEDSIDE_CLI_EXIT_OK)
    return status;

  /* The library decides integrity and only-verified, as for the app. */
  guideline = bedside_cli_load_guideline_verified (argv[1], args.only_verified, NULL);
  if (guideline == NULL || !output_may_be_written (guideline, &args))
    return BEDSIDE_CLI_EXIT_FAILED;
  bedside_cli_warn_if_overdue (guideline);

  if (args.language != NULL)
    {
      status = load_handout (context, guideline, &args, format, &handout);
      if (status != BEDSIDE_CLI_EXIT_OK)
        return status;
      pdf.options.handout = handout;
    }

  if (args.cases_path != NULL)
    return evaluate_batch (guideline, args.cases_path, audience, args.output);

  return evaluate_one (guideline, args.answers_path, format, audience, handout, &pdf, args.output);
}
