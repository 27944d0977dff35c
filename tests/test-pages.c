/* test-pages.c: printed plans and handouts, read back with pdftotext: what they say, where, on how many pages. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "bedside-evaluator.h"
#include "bedside-render-pages.h"

/* pdftotext -bbox gives each word's box from the font size, which may stand
 * a hair beyond the line Pango measured. */
#define TOLERANCE 0.5

static char *pdftotext;

typedef struct {
  char   *text;
  double  x0, y0, x1, y1;
} Word;

typedef struct {
  double  width;
  double  height;
  GArray *words;   /* Word */
} Page;

static void
clear_word (gpointer data)
{
  g_free (((Word *) data)->text);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->words);
  g_free (page);
}

static gboolean
have_pdftotext (void)
{
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed: tools/deps installs it");
      return FALSE;
    }
  return TRUE;
}

static char *
unescape (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "&lt;", "<", 0);
  g_string_replace (out, "&gt;", ">", 0);
  g_string_replace (out, "&quot;", "\"", 0);
  g_string_replace (out, "&apos;", "'", 0);
  g_string_replace (out, "&#39;", "'", 0);
  g_string_replace (out, "&amp;", "&", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The words of each page of @path, with their boxes (points, origin top left). */
static GPtrArray *
read_pdf (const char *path)
{
  const char *argv[] = { pdftotext, "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *pages = g_ptr_array_new_with_free_func (page_free);
  Page *page = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  if (error != NULL)
    g_error ("pdftotext %s: %s\n%s", path, error->message, err);

  regex = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">|"
                       "<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">([^<]*)</word>",
                       0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (regex, out, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *width = g_match_info_fetch (match, 1);

      if (width != NULL && *width != '\0')
        {
          g_autofree char *height = g_match_info_fetch (match, 2);

          page = g_new0 (Page, 1);
          page->width = g_ascii_strtod (width, NULL);
          page->height = g_ascii_strtod (height, NULL);
          page->words = g_array_new (FALSE, TRUE, sizeof (Word));
          g_array_set_clear_func (page->words, clear_word);
          g_ptr_array_add (pages, page);
        }
      else
        {
          g_autofree char *text = g_match_info_fetch (match, 7);
          Word word = { unescape (text) };

          g_assert_nonnull (page);
          for (int i = 0; i < 4; i++)
            {
              g_autofree char *number = g_match_info_fetch (match, 3 + i);
              (&word.x0)[i] = g_ascii_strtod (number, NULL);
            }
          g_array_append_val (page->words, word);
        }
    }

  return pages;
}

/* The words of @page within [@top, @bottom], or all with @top > @bottom. */
static char *
page_text (const Page *page,
           double      top,
           double      bottom)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < page->words->len; i++)
    {
      const Word *word = &g_array_index (page->words, Word, i);

      if (top <= bottom && (word->y0 < top - TOLERANCE || word->y1 > bottom + TOLERANCE))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, word->text);
    }

  return g_string_free (text, FALSE);
}

/* Text as words only: ligatures folded, and no spaces or hyphens, so a line
 * broken anywhere, with a hyphen or not, compares equal. */
static char *
normalise (const char *text)
{
  g_autofree char *folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == 0x2010 || c == 0x2011 || c == 0x00AD)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;
  gsize length = strlen (needle);

  g_assert_cmpuint (length, >, 0);
  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + length, needle))
    count++;
  return count;
}

static void
assert_has (const char *normalised_text,
            const char *expected,
            const char *what)
{
  g_autofree char *needle = normalise (expected);

  if (strstr (normalised_text, needle) == NULL)
    g_error ("%s: '%s' not found in the PDF's text:\n%s", what, expected, normalised_text);
}

/* Every word lies within the margins. */
static void
assert_inside (GPtrArray    *pages,
               BedsidePages *layout)
{
  double x, y, width, height;

  bedside_pages_get_print_area (layout, &x, &y, &width, &height);
  for (guint p = 0; p < pages->len; p++)
    {
      const Page *page = pages->pdata[p];

      for (guint i = 0; i < page->words->len; i++)
        {
          const Word *word = &g_array_index (page->words, Word, i);

          if (word->x0 < x - TOLERANCE || word->x1 > x + width + TOLERANCE ||
              word->y0 < y - TOLERANCE || word->y1 > y + height + TOLERANCE)
            g_error ("page %u: '%s' at (%g, %g)–(%g, %g) is outside the printable area (%g, %g)–(%g, %g)",
                     p + 1, word->text, word->x0, word->y0, word->x1, word->y1,
                     x, y, x + width, y + height);
        }
    }
}

static BedsideGuideline *
load_guideline (const char *path_or_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bedside_guideline_find (path_or_id, &error);
  BedsideGuideline *guideline;

  g_assert_no_error (error);
  guideline = bedside_guideline_new_from_file (path, &error);
  g_assert_no_error (error);
  return guideline;
}

static BedsideCarePlan *
evaluate (BedsideGuideline *guideline,
          JsonNode         *answers)
{
  g_autoptr(BedsideSession) session = bedside_session_new (guideline);
  g_autoptr(GError) error = NULL;
  BedsideCarePlan *plan;

  bedside_session_load_answers_json (session, answers, "answers", &error);
  g_assert_no_error (error);
  plan = bedside_evaluate (session, &error);
  g_assert_no_error (error);
  return plan;
}

static BedsideCarePlan *
evaluate_file (BedsideGuideline *guideline,
               const char       *answers_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answers = bedside_answers_file_read (answers_path, &error);

  g_assert_no_error (error);
  return evaluate (guideline, answers);
}

/* The vignettes' names and answers. */
static GPtrArray *
read_vignettes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "public-vignettes.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *vignettes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_ptr_array_add (vignettes, node);
    }
  g_assert_cmpuint (vignettes->len, >, 0);
  return vignettes;
}

static char *temp_dir;

static char *
temp_pdf (const char *name)
{
  return g_build_filename (temp_dir, name, NULL);
}

/* Exports as the app does; returns the pages read back. */
static GPtrArray *
export_and_read (BedsidePages *layout,
                 BedsidePaper  paper,
                 const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *pages;

  bedside_pages_save_pdf (layout, paper, file, NULL, &error);
  g_assert_no_error (error);
  /* A plan may carry the patient's name: only its owner reads it. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  pages = read_pdf (path);
  g_assert_cmpuint (pages->len, ==, bedside_pages_get_n_pages (layout));
  return pages;
}

/* Footer: "Page N of M" and the guideline's checksum on every page;
 * returns the body text, normalised, pages in order. */
static char *
check_pages (GPtrArray    *pages,
             BedsidePages *layout,
             const char   *sha256)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *short_sha = g_strndup (sha256, 12);
  double x, y, width, height;

  bedside_pages_get_body_area (layout, &x, &y, &width, &height);
  for (guint p = 0; p < pages->len; p++)
    {
      g_autofree char *all = page_text (pages->pdata[p], 1, 0);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", p + 1, pages->len);
      g_autofree char *text = page_text (pages->pdata[p], y, y + height);
      g_autofree char *normalised = normalise (text);

      if (strstr (all, number) == NULL)
        g_error ("page %u has no '%s':\n%s", p + 1, number, all);
      if (strstr (all, short_sha) == NULL)
        g_error ("page %u has no checksum %s:\n%s", p + 1, short_sha, all);
      g_string_append (body, normalised);
    }
  assert_inside (pages, layout);

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
test_paper (void)
{
  BedsidePaper paper = BEDSIDE_PAPER_A4;
  double width, height;

  g_assert_true (bedside_paper_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, BEDSIDE_PAPER_LETTER);
  g_assert_true (bedside_paper_from_string ("a4", &paper));
  g_assert_cmpint (paper, ==, BEDSIDE_PAPER_A4);
  g_assert_false (bedside_paper_from_string ("A5", &paper));
  g_assert_false (bedside_paper_from_string (NULL, &paper));
  g_assert_cmpstr (bedside_paper_to_string (BEDSIDE_PAPER_LETTER), ==, "letter");

  bedside_paper_get_size (BEDSIDE_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612.0, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 792.0, 0.01);
  bedside_paper_get_size (BEDSIDE_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);

  paper = bedside_paper_get_default ();
  g_assert_true (paper == BEDSIDE_PAPER_A4 || paper == BEDSIDE_PAPER_LETTER);
}

/* Both layouts for every public vignette, on both papers. */
static void
test_vignettes (void)
{
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(GPtrArray) vignettes = NULL;
  g_autofree char *path = temp_pdf ("vignette.pdf");
  g_autofree char *safety_heading = NULL;
  const char *sha256;
  const BedsidePageOptionsView options = {
    .clinic_name = "Riverside Family Practice",
    .clinic_phone = "555-0142",
    .patient_name = "Jane Doe",
    .visit_date = "2026-11-25",
  };

  if (!have_pdftotext ())
    return;

  guideline = load_guideline ("back-spasm");
  sha256 = bedside_guideline_get_sha256 (guideline);
  vignettes = read_vignettes ();
  safety_heading = normalise ("Get help now if…");

  for (guint v = 0; v < vignettes->len; v++)
    {
      JsonObject *vignette = json_node_get_object (vignettes->pdata[v]);
      JsonNode *answers = json_object_get_member (vignette, "answers");
      const char *name = json_object_get_string_member (vignette, "name");
      g_autoptr(BedsideCarePlan) plan = evaluate (guideline, answers);
      guint n_entries = bedside_care_plan_get_n_entries (plan);

      for (BedsidePaper paper = BEDSIDE_PAPER_A4; paper <= BEDSIDE_PAPER_LETTER; paper++)
        {
          g_autoptr(BedsidePages) clinician = bedside_pages_new (plan, BEDSIDE_AUDIENCE_CLINICIAN, &options);
          g_autoptr(BedsidePages) handout = bedside_pages_new (plan, BEDSIDE_AUDIENCE_PATIENT, &options);
          g_autoptr(GPtrArray) clinician_pages = NULL;
          g_autoptr(GPtrArray) handout_pages = NULL;
          g_autofree char *clinician_text = NULL;
          g_autofree char *handout_text = NULL;
          gboolean has_safety_net = FALSE;

          g_test_message ("%s, %s", name, bedside_paper_to_string (paper));

          clinician_pages = export_and_read (clinician, paper, path);
          clinician_text = check_pages (clinician_pages, clinician, sha256);
          handout_pages = export_and_read (handout, paper, path);
          handout_text = check_pages (handout_pages, handout, sha256);

          for (guint i = 0; i < n_entries; i++)
            {
              const BedsideRecommendation *rec = bedside_care_plan_get_entry (plan, i)->recommendation;

              assert_has (clinician_text, rec->title, name);
              assert_has (clinician_text, rec->clinician, name);
              if (rec->dose != NULL)
                assert_has (clinician_text, rec->dose, name);
              assert_has (handout_text, rec->patient, name);
              if (rec->patient_dose != NULL)
                assert_has (handout_text, rec->patient_dose, name);
              /* The handout carries no ids (those that are not plain words). */
              if (strchr (rec->id, '_') != NULL)
                g_assert_null (strstr (handout_text, rec->id));
              has_safety_net |= rec->topic == BEDSIDE_TOPIC_SAFETY_NET && rec->kind != BEDSIDE_KIND_URGENT;
            }

          /* Every handout says where to get help. */
          assert_has (handout_text, "In an emergency, call 911. Questions? Call Riverside Family Practice at 555-0142.",
                      name);
          /* No citation numbers on the handout. */
          g_assert_false (g_regex_match_simple ("\\[[0-9]", handout_text, 0, 0));
          if (has_safety_net)
            g_assert_nonnull (strstr (handout_text, safety_heading));
          assert_has (clinician_text, "Answers that led to this plan", name);
          assert_has (clinician_text, "References", name);

          /* Two pages at most.  Since 1.1 the handout gives each medicine
           * it offers as tablets of a stated strength with the daily
           * maximum in tablets, so the typical acute case (cyclobenzaprine,
           * ibuprofen or naproxen, and the two together) takes two pages;
           * without medicines it still fits on one, and so does every
           * red-flag handout (go now) and the one for a minor. */
          g_assert_cmpuint (handout_pages->len, <=, 2);
          if (v == 0)
            g_assert_cmpuint (handout_pages->len, ==, 2);
          if (g_str_equal (name, "acute, prefers no medicines") ||
              g_strcmp0 (bedside_care_plan_get_pathway (plan), "urgent") == 0 ||
              g_strcmp0 (bedside_care_plan_get_pathway (plan), "out-of-scope") == 0)
            g_assert_cmpuint (handout_pages->len, ==, 1);
        }
    }

  g_unlink (path);
}

/* The pages the start and the end of @text are on. */
static void
find_page_span (GPtrArray  *pages,
                const char *text,
                guint      *first_page,
                guint      *last_page)
{
  g_autofree char *needle = normalise (text);
  gsize length = strlen (needle);
  g_autofree char *head = g_strndup (needle, 40);
  const char *tail = needle + length - MIN (length, 40);

  *first_page = *last_page = G_MAXUINT;
  for (guint p = 0; p < pages->len; p++)
    {
      g_autofree char *words = page_text (pages->pdata[p], 1, 0);
      g_autofree char *normalised = normalise (words);

      if (*first_page == G_MAXUINT && strstr (normalised, head) != NULL)
        *first_page = p;
      if (strstr (normalised, tail) != NULL)
        *last_page = p;
    }
}

/* No page ends with a heading: the last line of its body is not one. */
static void
assert_no_lone_headings (GPtrArray    *pages,
                         BedsidePages *layout)
{
  static const char * const headings[] = {
    "URGENT", "Do", "Consider", "Avoid", "Cautions", "Information", "References",
    "Answers that led to this plan", "Act now", "Seeing another professional", "What to do",
    "Medicines", "When to come back", "Other notes",
  };
  double x, y, width, height;

  bedside_pages_get_body_area (layout, &x, &y, &width, &height);
  for (guint p = 0; p + 1 < pages->len; p++)
    {
      const Page *page = pages->pdata[p];
      g_autoptr(GString) last_line = g_string_new (NULL);
      double last_top = -1;

      for (guint i = 0; i < page->words->len; i++)
        {
          const Word *word = &g_array_index (page->words, Word, i);

          if (word->y1 > y + height + TOLERANCE)
            continue;
          if (word->y0 > last_top + 1)
            {
              g_string_truncate (last_line, 0);
              last_top = word->y0;
            }
          if (word->y0 >= last_top - 1)
            g_string_append_printf (last_line, "%s%s", last_line->len > 0 ? " " : "", word->text);
        }

      for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
        if (g_str_equal (last_line->str, headings[h]))
          g_error ("page %u ends with the heading '%s'", p + 1, headings[h]);
      if (g_str_has_prefix (last_line->str, "Title "))
        g_error ("page %u ends with a recommendation's title: '%s'", p + 1, last_line->str);
    }
}

/* A plan of many recommendations, one longer than a page: nothing lost,
 * nothing twice, nothing outside the margins. */
static void
test_long_plan (void)
{
  g_autofree char *guideline_path = g_test_build_filename (G_TEST_DIST, "data", "pages", "long-plan.xml", NULL);
  g_autofree char *answers_path = g_test_build_filename (G_TEST_DIST, "data", "pages", "long-plan.json", NULL);
  g_autofree char *path = temp_pdf ("long.pdf");
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  guint n_entries;

  if (!have_pdftotext ())
    return;

  guideline = load_guideline (guideline_path);
  plan = evaluate_file (guideline, answers_path);
  n_entries = bedside_care_plan_get_n_entries (plan);
  g_assert_cmpuint (n_entries, >=, 40);

  for (BedsidePaper paper = BEDSIDE_PAPER_A4; paper <= BEDSIDE_PAPER_LETTER; paper++)
    for (BedsideAudience audience = BEDSIDE_AUDIENCE_CLINICIAN; audience <= BEDSIDE_AUDIENCE_PATIENT; audience++)
      {
        g_autoptr(BedsidePages) layout = bedside_pages_new (plan, audience, NULL);
        g_autoptr(GPtrArray) pages = export_and_read (layout, paper, path);
        g_autofree char *body = check_pages (pages, layout, bedside_guideline_get_sha256 (guideline));
        guint first_page, last_page;

        g_test_message ("long plan, %s, %s: %u pages", bedside_paper_to_string (paper),
                        audience == BEDSIDE_AUDIENCE_PATIENT ? "handout" : "clinician", pages->len);
        g_assert_cmpuint (pages->len, >=, 3);

        for (guint i = 0; i < n_entries; i++)
          {
            const BedsideRecommendation *rec = bedside_care_plan_get_entry (plan, i)->recommendation;
            const char *text = audience == BEDSIDE_AUDIENCE_PATIENT ? rec->patient : rec->clinician;
            g_autofree char *needle = normalise (text);
            guint count = count_occurrences (body, needle);

            if (count != 1)
              g_error ("%s: its text is found %u times, not once", rec->id, count);
          }

        /* The longest recommendation (rec_04) breaks across pages. */
        {
          const BedsideRecommendation *longest = bedside_guideline_lookup_recommendation (guideline, "rec_04");

          find_page_span (pages, audience == BEDSIDE_AUDIENCE_PATIENT ? longest->patient : longest->clinician,
                          &first_page, &last_page);
          g_assert_cmpuint (first_page, !=, G_MAXUINT);
          g_assert_cmpuint (last_page, ==, first_page + 1);
        }
        assert_no_lone_headings (pages, layout);
      }

  g_unlink (path);
}

/* What the app's Export PDF writes (bedside_pages_save_pdf) is what its
 * print operation draws: paginate for the paper, then each page. */
static void
test_export_equals_print (void)
{
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autoptr(BedsidePages) exported = NULL;
  g_autoptr(BedsidePages) printed = NULL;
  g_autoptr(GPtrArray) exported_pages = NULL;
  g_autoptr(GPtrArray) printed_pages = NULL;
  g_autofree char *answers = g_test_build_filename (G_TEST_DIST, "data", "cli", "acute.json", NULL);
  g_autofree char *export_path = temp_pdf ("export.pdf");
  g_autofree char *print_path = temp_pdf ("print.pdf");
  const BedsidePageOptionsView options = { .clinic_name = "Riverside", .printed_date = "2026-11-25" };
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  if (!have_pdftotext ())
    return;

  guideline = load_guideline ("back-spasm");
  plan = evaluate_file (guideline, answers);

  exported = bedside_pages_new (plan, BEDSIDE_AUDIENCE_BOTH, &options);
  exported_pages = export_and_read (exported, BEDSIDE_PAPER_LETTER, export_path);

  /* As GtkPrintOperation does it: begin-print paginates, draw-page draws. */
  printed = bedside_pages_new (plan, BEDSIDE_AUDIENCE_BOTH, &options);
  bedside_paper_get_size (BEDSIDE_PAPER_LETTER, &width, &height);
  bedside_pages_paginate (printed, width, height);
  surface = cairo_pdf_surface_create (print_path, width, height);
  cr = cairo_create (surface);
  for (guint i = 0; i < bedside_pages_get_n_pages (printed); i++)
    {
      bedside_pages_draw_page (printed, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  printed_pages = read_pdf (print_path);

  g_assert_cmpuint (printed_pages->len, ==, exported_pages->len);
  for (guint p = 0; p < printed_pages->len; p++)
    {
      const Page *a = exported_pages->pdata[p];
      const Page *b = printed_pages->pdata[p];

      g_assert_cmpuint (a->words->len, ==, b->words->len);
      for (guint i = 0; i < a->words->len; i++)
        {
          const Word *wa = &g_array_index (a->words, Word, i);
          const Word *wb = &g_array_index (b->words, Word, i);

          g_assert_cmpstr (wa->text, ==, wb->text);
          g_assert_cmpfloat_with_epsilon (wa->x0, wb->x0, 0.01);
          g_assert_cmpfloat_with_epsilon (wa->y0, wb->y0, 0.01);
        }
    }

  /* "Both" is the clinician plan, then the handout, each numbered alone. */
  {
    g_autofree char *first = page_text (exported_pages->pdata[0], 1, 0);
    g_autofree char *last = page_text (exported_pages->pdata[exported_pages->len - 1], 1, 0);

    g_assert_nonnull (strstr (first, "Care plan"));
    g_assert_nonnull (strstr (first, "Page 1 of"));
    g_assert_nonnull (strstr (last, "Your care plan"));
  }

  g_unlink (export_path);
  g_unlink (print_path);
}

typedef struct {
  int   status;
  char *err;
} CliRun;

static void
run_cli (CliRun     *run,
         const char *first_argument,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("BEDSIDE_CLI");
  g_autofree char *out = NULL;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first_argument);
  for (const char *a = first_argument; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&run->err, g_free);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = g_spawn_check_wait_status (wait_status, &error) ? 0 : error->code;
  g_test_message ("exit %d; stderr: %s", run->status, run->err);
}

static void
test_cli (void)
{
  g_autofree char *answers = g_test_build_filename (G_TEST_DIST, "data", "cli", "acute.json", NULL);
  g_autofree char *path = temp_pdf ("cli.pdf");
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  CliRun run = { 0 };
  guint n_first_pages = 0;

  if (!have_pdftotext ())
    return;
  if (g_getenv ("BEDSIDE_CLI") == NULL)
    {
      g_test_skip ("BEDSIDE_CLI is not set");
      return;
    }

  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--format", "pdf", "--audience", "both",
           "--paper", "letter", "--clinic", "Riverside Family Practice", "--patient-name", "Jane Doe",
           "--visit-date", "2026-11-25", "-o", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  pages = read_pdf (path);
  g_assert_cmpuint (pages->len, >=, 2);
  g_assert_cmpfloat_with_epsilon (((Page *) pages->pdata[0])->width, 612.0, 0.01);
  first = page_text (pages->pdata[0], 1, 0);
  last = page_text (pages->pdata[pages->len - 1], 1, 0);
  g_assert_nonnull (strstr (first, "Riverside Family Practice"));
  g_assert_nonnull (strstr (first, "Patient: Jane Doe"));
  g_assert_nonnull (strstr (first, "2026-11-25"));
  /* "Both": the clinician plan, then the handout, each numbered alone.
   * Since 1.1 the handout of this acute case (its medicines as tablets)
   * takes two pages: it starts on the second page 1, and runs to the end. */
  for (guint p = 0; p < pages->len; p++)
    {
      g_autofree char *text = page_text (pages->pdata[p], 1, 0);

      if (strstr (text, "Page 1 of") != NULL && ++n_first_pages == 2)
        {
          g_autofree char *numbered = g_strdup_printf ("Page 1 of %u", pages->len - p);
          g_autofree char *last_numbered = g_strdup_printf ("Page %u of %u", pages->len - p, pages->len - p);

          g_assert_cmpuint (p, >, 0);
          g_assert_nonnull (strstr (text, "Your care plan"));
          g_assert_nonnull (strstr (text, numbered));
          g_assert_nonnull (strstr (last, last_numbered));
          g_assert_cmpuint (pages->len - p, ==, 2);
        }
    }
  g_assert_cmpuint (n_first_pages, ==, 2);

  /* Usage errors: PDF needs -o; a known paper; a real date; PDF options
   * only with PDF. */
  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--format", "pdf", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "-o"));
  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--format", "pdf", "--paper", "a5", "-o", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--format", "pdf", "--visit-date", "2026-02-30",
           "-o", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--paper", "a4", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, "evaluate", "back-spasm", "--answers", answers, "--format", "pdf", "-o",
           "/nonexistent-folder/plan.pdf", NULL);
  g_assert_cmpint (run.status, ==, 1);

  g_free (run.err);
  g_unlink (path);
}

/* The text of every page of @plan for @audience printed on @date, normalised. */
static char *
printed_text (BedsideCarePlan *plan,
              BedsideAudience  audience,
              const char      *date)
{
  const BedsidePageOptionsView options = { .printed_date = date };
  g_autoptr(BedsidePages) layout = bedside_pages_new (plan, audience, &options);
  g_autofree char *path = temp_pdf ("warnings.pdf");
  g_autoptr(GPtrArray) pages = export_and_read (layout, BEDSIDE_PAPER_A4, path);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *page = page_text (pages->pdata[i], 1, 0);

      g_string_append (text, page);
    }
  g_unlink (path);
  return normalise (text->str);
}

/* A plan printed after the guideline's next review date says, under its
 * title, that the review is overdue; one printed on the due day does not;
 * the patient's handout never does. */
static void
test_warnings (void)
{
  g_autofree char *answers = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny-routine.json", NULL);
  g_autofree char *tiny = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  g_autofree char *on_due_day = NULL;
  g_autofree char *day_after = NULL;
  g_autofree char *handout = NULL;
  g_autofree char *overdue = normalise ("This guideline was due for review on 2025-01-15: "
                                        "check that it is still current before relying on it.");

  if (!have_pdftotext ())
    return;

  guideline = load_guideline (tiny);
  plan = evaluate_file (guideline, answers);
  on_due_day = printed_text (plan, BEDSIDE_AUDIENCE_CLINICIAN, "2025-01-15");
  day_after = printed_text (plan, BEDSIDE_AUDIENCE_CLINICIAN, "2025-01-16");
  handout = printed_text (plan, BEDSIDE_AUDIENCE_PATIENT, "2025-01-16");

  assert_has (on_due_day, "This guideline is under review: it has not been approved for clinical use yet.",
              "status warning");
  g_assert_null (strstr (on_due_day, overdue));
  assert_has (day_after, "This guideline is under review: it has not been approved for clinical use yet.",
              "status warning");
  assert_has (day_after, "This guideline was due for review on 2025-01-15: "
                         "check that it is still current before relying on it.", "overdue warning");
  g_assert_cmpuint (strstr (day_after, overdue) - day_after, <, strstr (day_after, "Pathway") - day_after);
  g_assert_null (strstr (handout, overdue));

  /* Nothing on the handout is the clinician's alone: not the review
   * status (the footer keeps the version and the checksum), not the
   * clinician's disclaimer.  The help box is there, with the default
   * emergency number. */
  {
    g_autofree char *status = normalise ("UNDER REVIEW");
    g_autofree char *lower = normalise ("under review");
    g_autofree char *disclaimer = normalise ("For testing only; not clinical advice.");
    g_autofree char *clinician = printed_text (plan, BEDSIDE_AUDIENCE_CLINICIAN, "2025-01-16");

    g_assert_null (strstr (handout, status));
    g_assert_null (strstr (handout, lower));
    g_assert_null (strstr (handout, disclaimer));
    assert_has (handout, "tiny 1.2.3 · SHA-256", "the handout's footer");
    assert_has (handout, "In an emergency, call 911.", "the help box");
    /* The clinician's plan keeps them all. */
    assert_has (clinician, "UNDER REVIEW", "the plan's footer");
    assert_has (clinician, "For testing only; not clinical advice.", "the disclaimer");
    g_assert_null (strstr (clinician, "Inanemergency"));
  }
}

/* Every handout says where to get help, boxed at the top of its first
 * page: the emergency number of the options and the clinic's phone. */
static void
test_handout_help (void)
{
  g_autofree char *answers = g_test_build_filename (G_TEST_DIST, "data", "cli", "acute.json", NULL);
  g_autofree char *path = temp_pdf ("help.pdf");
  g_autoptr(BedsideGuideline) guideline = NULL;
  g_autoptr(BedsideCarePlan) plan = NULL;
  const BedsidePageOptionsView with_clinic = {
    .clinic_name = "Riverside Family Practice",
    .clinic_phone = "555-0142",
    .emergency_number = "112",
  };
  const BedsidePageOptionsView phone_only = { .clinic_phone = "555-0142" };
  const BedsidePageOptionsView nothing = { NULL };
  const struct {
    const BedsidePageOptionsView *options;
    const char               *help;
    const char               *absent;
  } cases[] = {
    { &with_clinic, "In an emergency, call 112. Questions? Call Riverside Family Practice at 555-0142.", "911" },
    { &phone_only, "In an emergency, call 911. Questions? Call the clinic at 555-0142.", "112" },
    { &nothing, "In an emergency, call 911.", "Questions? Call the clinic" },
  };

  if (!have_pdftotext ())
    return;

  guideline = load_guideline ("back-spasm");
  plan = evaluate_file (guideline, answers);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (BedsidePaper paper = BEDSIDE_PAPER_A4; paper <= BEDSIDE_PAPER_LETTER; paper++)
      {
        g_autoptr(BedsidePages) layout = bedside_pages_new (plan, BEDSIDE_AUDIENCE_PATIENT, cases[c].options);
        g_autoptr(GPtrArray) pages = export_and_read (layout, paper, path);
        g_autofree char *body = check_pages (pages, layout, bedside_guideline_get_sha256 (guideline));
        g_autofree char *first = page_text (pages->pdata[0], 1, 0);
        g_autofree char *first_normalised = normalise (first);
        g_autofree char *help = normalise (cases[c].help);
        g_autofree char *absent = normalise (cases[c].absent);
        g_autofree char *what_to_do = normalise ("What to do");

        g_test_message ("case %u, %s", c, bedside_paper_to_string (paper));
        /* On the first page, before the plan. */
        assert_has (first_normalised, cases[c].help, "the help box");
        g_assert_cmpuint (strstr (body, help) - body, <, strstr (body, what_to_do) - body);
        g_assert_null (strstr (body, absent));
        /* Once only.  The typical acute case takes two pages since 1.1
         * (each medicine as tablets, with the daily maximum). */
        g_assert_cmpuint (count_occurrences (body, help), ==, 1);
        g_assert_cmpuint (pages->len, ==, 2);
      }
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  pdftotext = g_find_program_in_path ("pdftotext");
  temp_dir = g_dir_make_tmp ("bedside-test-pages-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);

  g_test_add_func ("/pages/paper", test_paper);
  g_test_add_func ("/pages/vignettes", test_vignettes);
  g_test_add_func ("/pages/long-plan", test_long_plan);
  g_test_add_func ("/pages/export-equals-print", test_export_equals_print);
  g_test_add_func ("/pages/cli", test_cli);
  g_test_add_func ("/pages/warnings", test_warnings);
  g_test_add_func ("/pages/handout-help", test_handout_help);

  status = g_test_run ();
  g_rmdir (temp_dir);
  return status;
}
