/* test-translation.c: catalogs, guideline translations and the check that a translation changes only texts. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bedside-catalog.h"
#include "bedside-integrity.h"
#include "bedside-translation.h"

/* The bundled guideline as built: BEDSIDE_GUIDELINES_DIR is the build's
 * data/guidelines, with es/ made from po/es.po. */
static BedsideGuideline *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bedside_guideline_find ("back-spasm", &error);
  BedsideGuideline *guideline;

  g_assert_no_error (error);
  guideline = bedside_guideline_new_from_file (path, &error);
  g_assert_no_error (error);
  return guideline;
}

static BedsideCatalog *
load_spanish_catalog (void)
{
  g_autoptr(GError) error = NULL;
  BedsideCatalog *catalog = bedside_catalog_new_for_language (GETTEXT_PACKAGE, "es", &error);

  g_assert_no_error (error);
  return catalog;
}

/* Copies the medicine records beside @guideline_path (its medicines/
 * folder, format 2) into @dir/medicines/: a guideline loads them from
 * there, so a copy of it without them does not load. */
static void
copy_medicines (const char *guideline_path,
                const char *dir)
{
  g_autofree char *from_dir = g_path_get_dirname (guideline_path);
  g_autofree char *from = g_build_filename (from_dir, "medicines", NULL);
  g_autofree char *to = g_build_filename (dir, "medicines", NULL);
  g_autoptr(GDir) records = g_dir_open (from, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (records);
  g_assert_cmpint (g_mkdir (to, 0700), ==, 0);
  while ((name = g_dir_read_name (records)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
remove_medicines (const char *dir)
{
  g_autofree char *folder = g_build_filename (dir, "medicines", NULL);
  g_autoptr(GDir) records = g_dir_open (folder, 0, NULL);
  const char *name;

  if (records == NULL)
    return;
  while ((name = g_dir_read_name (records)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_unlink (file);
    }
  g_rmdir (folder);
}

/* ---- catalogs ------------------------------------------------------------ */

static void
test_language_codes (void)
{
  const char *valid[] = { "es", "es_MX", "es-MX", "pt_BR", "sr@latin", "es_ES.UTF-8", "ast", NULL };
  const char *invalid[] = { "", "e", "español", "../es", "es/../../etc", "es_", "es_M",
                            "es..", "es@", "es_MX/x", "spanish", NULL };
  g_auto(GStrv) variants = NULL;

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (bedside_language_is_valid (valid[i]));
  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (bedside_language_is_valid (invalid[i]));
    }
  g_assert_false (bedside_language_is_valid (NULL));

  variants = bedside_language_dup_variants ("es-MX.UTF-8");
  g_assert_cmpstr (variants[0], ==, "es_MX");
  g_assert_cmpstr (variants[1], ==, "es");
  g_assert_null (variants[2]);

  g_assert_true (bedside_language_matches ("es", "es_MX"));
  g_assert_true (bedside_language_matches ("EN-gb", "en"));
  g_assert_false (bedside_language_matches ("es", "en"));
  g_assert_false (bedside_language_matches ("e", "es"));
}

static void
test_catalog_lookup (void)
{
  g_autoptr(BedsideCatalog) catalog = load_spanish_catalog ();
  g_autoptr(BedsideCatalog) variant = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (bedside_catalog_lookup (catalog, "Urgent"), ==, "Urgente");
  g_assert_cmpstr (bedside_catalog_lookup (catalog, "Severe back spasms in adults"), ==,
                   "Espasmos intensos de espalda en adultos");
  g_assert_null (bedside_catalog_lookup (catalog, "No such message in the catalog"));
  g_assert_null (bedside_catalog_lookup (catalog, ""));
  g_assert_cmpstr (bedside_catalog_gettext (catalog, "No such message"), ==, "No such message");
  g_assert_cmpstr (bedside_catalog_gettext (NULL, "Urgent"), ==, "Urgent");

  /* es_MX has no catalog of its own: es serves it. */
  variant = bedside_catalog_new_for_language (GETTEXT_PACKAGE, "es_MX", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bedside_catalog_lookup (variant, "Urgent"), ==, "Urgente");
}

static void
test_catalog_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bedside-catalog-XXXXXX", NULL);
  g_autofree char *not_mo = g_build_filename (dir, "not.mo", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.mo", NULL);
  g_autofree char *good_path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  BedsideCatalog *catalog;

  catalog = bedside_catalog_new_for_language (GETTEXT_PACKAGE, "xx", &error);
  g_assert_null (catalog);
  g_assert_error (error, BEDSIDE_CATALOG_ERROR, BEDSIDE_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  catalog = bedside_catalog_new_for_language (GETTEXT_PACKAGE, "../../etc", &error);
  g_assert_null (catalog);
  g_assert_error (error, BEDSIDE_CATALOG_ERROR, BEDSIDE_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (not_mo, "msgid \"a\"\nmsgstr \"b\"\n", -1, NULL));
  catalog = bedside_catalog_new_from_file (not_mo, &error);
  g_assert_null (catalog);
  g_assert_error (error, BEDSIDE_CATALOG_ERROR, BEDSIDE_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  /* A real catalog cut short: its tables point past the end. */
  {
    g_autoptr(BedsideCatalog) good = load_spanish_catalog ();
    good_path = g_strdup (bedside_catalog_get_path (good));
  }
  g_assert_true (g_file_get_contents (good_path, &contents, &length, NULL));
  for (gsize cut = 20; cut < length; cut += length / 7)
    {
      g_assert_true (g_file_set_contents (truncated, contents, (gssize) cut, NULL));
      catalog = bedside_catalog_new_from_file (truncated, &error);
      g_assert_null (catalog);
      g_assert_error (error, BEDSIDE_CATALOG_ERROR, BEDSIDE_CATALOG_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_unlink (not_mo);
  g_unlink (truncated);
  g_rmdir (dir);
}

/* ---- the bundled translation --------------------------------------------- */

static void
test_find (void)
{
  g_autoptr(BedsideGuideline) guideline = load_bundled ();
  g_autoptr(GError) error = NULL;
  g_autofree char *es = bedside_guideline_find_translation (guideline, "es", &error);
  g_autofree char *es_mx = NULL;
  g_autofree char *fr = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (es, G_DIR_SEPARATOR_S "es" G_DIR_SEPARATOR_S "back-spasm.xml"));

  es_mx = bedside_guideline_find_translation (guideline, "es-MX", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (es_mx, ==, es);

  fr = bedside_guideline_find_translation (guideline, "fr", &error);
  g_assert_null (fr);
  g_assert_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  bad = bedside_guideline_find_translation (guideline, "../es", &error);
  g_assert_null (bad);
  g_assert_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE);
}

/* The languages offered: es/ of the build, nothing else next to it. */
static void
test_list (void)
{
  g_autoptr(BedsideGuideline) guideline = load_bundled ();
  g_auto(GStrv) languages = bedside_guideline_list_translations (guideline);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bedside-translation-XXXXXX", &error);
  g_autofree char *copy = g_build_filename (dir, "back-spasm.xml", NULL);
  const char *folders[] = { "fr", "pt_BR", "not a language", "de", NULL };
  g_autofree char *contents = NULL;
  g_autoptr(BedsideGuideline) copied = NULL;
  g_auto(GStrv) found = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (languages), ==, 1);
  g_assert_cmpstr (languages[0], ==, "es");

  /* Folders named by a language and holding the guideline's file, sorted;
   * an empty "de" and a folder that is not a language code do not count. */
  g_assert_true (g_file_get_contents (bedside_guideline_get_path (guideline), &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (copy, contents, -1, NULL));
  copy_medicines (bedside_guideline_get_path (guideline), dir);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *folder = g_build_filename (dir, folders[i], NULL);
      g_autofree char *file = g_build_filename (folder, "back-spasm.xml", NULL);

      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      if (!g_str_equal (folders[i], "de"))
        g_assert_true (g_file_set_contents (file, contents, -1, NULL));
    }
  copied = bedside_guideline_new_from_file (copy, &error);
  g_assert_no_error (error);
  found = bedside_guideline_list_translations (copied);
  g_assert_cmpuint (g_strv_length (found), ==, 2);
  g_assert_cmpstr (found[0], ==, "fr");
  g_assert_cmpstr (found[1], ==, "pt_BR");

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *folder = g_build_filename (dir, folders[i], NULL);
      g_autofree char *file = g_build_filename (folder, "back-spasm.xml", NULL);

      g_unlink (file);
      g_rmdir (folder);
    }
  remove_medicines (dir);
  g_unlink (copy);
  g_rmdir (dir);
}

/* @translated is @source's text through the catalog, or @source itself when
 * the catalog has no translation: the build's merge and xgettext agree on
 * every text, and nothing is lost or blank. */
static void
assert_translated (const BedsideCatalog *catalog,
                   const char           *source,
                   const char           *translated,
                   guint                *n_translated)
{
  const char *expected;

  if (source == NULL)
    {
      g_assert_null (translated);
      return;
    }
  expected = bedside_catalog_lookup (catalog, source);
  g_assert_nonnull (translated);
  g_assert_cmpstr (translated, ==, expected != NULL ? expected : source);
  if (expected != NULL)
    (*n_translated)++;
}

static void
test_bundled_spanish (void)
{
  g_autoptr(BedsideGuideline) source = load_bundled ();
  g_autoptr(BedsideCatalog) catalog = load_spanish_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) es = bedside_guideline_load_translation (source, "es", &error);
  guint n_translated = 0;

  g_assert_no_error (error);
  g_assert_nonnull (es);
  g_assert_cmpstr (bedside_guideline_get_language (es), ==, "es");
  g_assert_cmpstr (bedside_guideline_get_id (es), ==, "back-spasm");
  g_assert_true (bedside_guideline_check_translation (source, es, NULL));

  assert_translated (catalog, bedside_guideline_get_title (source), bedside_guideline_get_title (es), &n_translated);
  assert_translated (catalog, bedside_guideline_get_summary (source), bedside_guideline_get_summary (es), &n_translated);
  assert_translated (catalog, bedside_guideline_get_audience (source), bedside_guideline_get_audience (es), &n_translated);
  assert_translated (catalog, bedside_guideline_get_population (source), bedside_guideline_get_population (es), &n_translated);
  assert_translated (catalog, bedside_guideline_get_disclaimer (source), bedside_guideline_get_disclaimer (es), &n_translated);
  /* Names of people and of published sources stay as they are. */
  g_assert_cmpstr (bedside_guideline_get_reviewers (es)[0], ==, bedside_guideline_get_reviewers (source)[0]);
  g_assert_cmpstr (bedside_guideline_get_reference (es, 0)->text, ==, bedside_guideline_get_reference (source, 0)->text);

  for (guint i = 0; i < bedside_guideline_get_n_sections (source); i++)
    {
      const BedsideSection *a = bedside_guideline_get_section (source, i);
      const BedsideSection *b = bedside_guideline_get_section (es, i);

      assert_translated (catalog, a->title, b->title, &n_translated);
      assert_translated (catalog, a->description, b->description, &n_translated);
    }

  for (guint i = 0; i < bedside_guideline_get_n_items (source); i++)
    {
      const BedsideItem *a = bedside_guideline_get_item (source, i);
      const BedsideItem *b = bedside_guideline_get_item (es, i);

      assert_translated (catalog, a->label, b->label, &n_translated);
      assert_translated (catalog, a->help, b->help, &n_translated);
      g_assert_cmpstr (a->unit, ==, b->unit);
      for (guint o = 0; o < a->n_options; o++)
        assert_translated (catalog, a->options[o].label, b->options[o].label, &n_translated);
    }

  for (guint i = 0; i < bedside_guideline_get_n_recommendations (source); i++)
    {
      const BedsideRecommendation *a = bedside_guideline_get_recommendation (source, i);
      const BedsideRecommendation *b = bedside_guideline_get_recommendation (es, i);

      assert_translated (catalog, a->title, b->title, &n_translated);
      assert_translated (catalog, a->clinician, b->clinician, &n_translated);
      assert_translated (catalog, a->dose, b->dose, &n_translated);
      assert_translated (catalog, a->duration, b->duration, &n_translated);
      assert_translated (catalog, a->patient_title, b->patient_title, &n_translated);
      assert_translated (catalog, a->patient, b->patient, &n_translated);
      assert_translated (catalog, a->patient_dose, b->patient_dose, &n_translated);
      assert_translated (catalog, a->patient_duration, b->patient_duration, &n_translated);
      assert_translated (catalog, a->patient_watch, b->patient_watch, &n_translated);
      assert_translated (catalog, a->evidence_note, b->evidence_note, &n_translated);
      for (guint c = 0; c < a->n_contraindications; c++)
        assert_translated (catalog, a->contraindications[c].reason, b->contraindications[c].reason, &n_translated);
    }

  for (guint i = 1; i < bedside_guideline_get_n_branches (source); i++)
    {
      const BedsideBranch *a = bedside_guideline_get_branch (source, i);
      const BedsideBranch *b = bedside_guideline_get_branch (es, i);

      assert_translated (catalog, a->label, b->label, &n_translated);
      assert_translated (catalog, a->decision->label, b->decision->label, &n_translated);
    }

  /* Format 2: the medicine records, translated beside it (es/medicines/),
   * with the same medicines, reasons and cautions. */
  g_assert_cmpuint (bedside_guideline_get_n_medicines (es), ==, bedside_guideline_get_n_medicines (source));
  g_assert_cmpuint (bedside_guideline_get_n_medicine_sources (es), ==, 1);
  g_assert_true (g_str_has_suffix (bedside_guideline_get_medicine_source (es, 0)->path,
                                   G_DIR_SEPARATOR_S "es" G_DIR_SEPARATOR_S "medicines" G_DIR_SEPARATOR_S "analgesics.xml"));
  for (guint i = 0; i < bedside_guideline_get_n_medicines (source); i++)
    {
      const BedsideMedicine *a = bedside_guideline_get_medicine (source, i);
      const BedsideMedicine *b = bedside_guideline_get_medicine (es, i);

      g_assert_cmpstr (a->id, ==, b->id);
      assert_translated (catalog, a->name, b->name, &n_translated);
      assert_translated (catalog, a->group_name, b->group_name, &n_translated);
      assert_translated (catalog, a->dose, b->dose, &n_translated);
      assert_translated (catalog, a->max_daily, b->max_daily, &n_translated);
      assert_translated (catalog, a->course, b->course, &n_translated);
      assert_translated (catalog, a->strength, b->strength, &n_translated);
      assert_translated (catalog, a->patient_dose, b->patient_dose, &n_translated);
      assert_translated (catalog, a->patient_max, b->patient_max, &n_translated);
      g_assert_cmpuint (a->n_against, ==, b->n_against);
      for (guint c = 0; c < a->n_against; c++)
        {
          assert_translated (catalog, a->against[c].reason, b->against[c].reason, &n_translated);
          assert_translated (catalog, a->against[c].patient, b->against[c].patient, &n_translated);
        }
      g_assert_cmpuint (a->n_cautions, ==, b->n_cautions);
      for (guint c = 0; c < a->n_cautions; c++)
        {
          assert_translated (catalog, a->cautions[c].reason, b->cautions[c].reason, &n_translated);
          assert_translated (catalog, a->cautions[c].patient, b->cautions[c].patient, &n_translated);
        }
    }

  /* Not a vacuous pass: the Spanish catalog translates the guideline. */
  g_assert_cmpuint (n_translated, >, 300);
  g_assert_cmpstr (bedside_guideline_lookup_medicine (es, "ibuprofen")->group_name, ==, "AINE");
  /* The 1.1 texts: the Spanish handout gives the patient's own reason in
   * Spanish, and the tablets in Spanish (the numbers kept). */
  {
    const BedsideMedicine *cyclobenzaprine = bedside_guideline_lookup_medicine (source, "cyclobenzaprine");
    const BedsideMedicine *es_cyclobenzaprine = bedside_guideline_lookup_medicine (es, "cyclobenzaprine");
    const BedsideRecommendation *heat = bedside_guideline_lookup_recommendation (source, "emergency_mscc");
    const BedsideRecommendation *es_heat = bedside_guideline_lookup_recommendation (es, "emergency_mscc");

    for (guint c = 0; c < cyclobenzaprine->n_against; c++)
      if (g_strcmp0 (cyclobenzaprine->against[c].id, "pregnant") == 0 &&
          g_strcmp0 (es_cyclobenzaprine->against[c].patient, cyclobenzaprine->against[c].patient) == 0)
        g_error ("the Spanish records do not translate the patient's reason '%s'",
                 cyclobenzaprine->against[c].patient);
    if (g_strcmp0 (es_cyclobenzaprine->patient_dose, cyclobenzaprine->patient_dose) == 0)
      g_error ("the Spanish records do not translate the patient dose '%s'", cyclobenzaprine->patient_dose);
    if (g_strcmp0 (es_heat->patient, heat->patient) == 0)
      g_error ("the Spanish guideline does not translate the 1.1 recommendation emergency_mscc");
  }
}

/* ---- refused translations -------------------------------------------------- */

/* A folder with the bundled guideline, its records (medicines/) and an es/
 * translation with its records (es/medicines/), made from the built ones
 * with @from replaced by @to in @file of es/ ("back-spasm.xml" or
 * "medicines/analgesics.xml"). */
static char *
make_translation_in (const char *file,
                     const char *from,
                     const char *to)
{
  g_autoptr(BedsideGuideline) source = load_bundled ();
  g_autoptr(GError) error = NULL;
  g_autofree char *es_path = bedside_guideline_find_translation (source, "es", &error);
  g_autofree char *dir = g_dir_make_tmp ("bedside-translation-XXXXXX", &error);
  g_autofree char *es_dir = g_build_filename (dir, "es", NULL);
  g_autofree char *original = NULL;
  g_autofree char *es_source_dir = NULL;
  g_autofree char *edited_path = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *source_copy = g_build_filename (dir, "back-spasm.xml", NULL);
  g_autofree char *es_copy = g_build_filename (es_dir, "back-spasm.xml", NULL);
  g_autofree char *edited_copy = g_build_filename (es_dir, file, NULL);
  g_autofree char *translated = NULL;
  g_autoptr(GString) changed = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (bedside_guideline_get_path (source), &original, NULL, NULL));
  g_assert_true (g_file_get_contents (es_path, &translated, NULL, NULL));
  g_assert_cmpint (g_mkdir (es_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (source_copy, original, -1, NULL));
  g_assert_true (g_file_set_contents (es_copy, translated, -1, NULL));
  copy_medicines (bedside_guideline_get_path (source), dir);
  copy_medicines (es_path, es_dir);

  es_source_dir = g_path_get_dirname (es_path);
  edited_path = g_build_filename (es_source_dir, file, NULL);
  g_assert_true (g_file_get_contents (edited_path, &edited, NULL, NULL));
  changed = g_string_new (edited);
  if (strstr (changed->str, from) == NULL)
    g_error ("'%s' is not in %s", from, edited_path);
  g_string_replace (changed, from, to, 1);
  g_assert_true (g_file_set_contents (edited_copy, changed->str, -1, NULL));
  return g_steal_pointer (&dir);
}

static char *
make_translation (const char *from,
                  const char *to)
{
  return make_translation_in ("back-spasm.xml", from, to);
}

static void
remove_translation (const char *dir)
{
  g_autofree char *es_copy = g_build_filename (dir, "es", "back-spasm.xml", NULL);
  g_autofree char *es_dir = g_build_filename (dir, "es", NULL);
  g_autofree char *source_copy = g_build_filename (dir, "back-spasm.xml", NULL);

  g_unlink (es_copy);
  remove_medicines (es_dir);
  g_rmdir (es_dir);
  remove_medicines (dir);
  g_unlink (source_copy);
  g_rmdir (dir);
}

static void
assert_refused_in (const char *file,
                   const char *from,
                   const char *to,
                   const char *expected_in_message)
{
  g_autofree char *dir = make_translation_in (file, from, to);
  g_autofree char *source_path = g_build_filename (dir, "back-spasm.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) source = bedside_guideline_new_from_file (source_path, &error);
  g_autoptr(BedsideGuideline) translation = NULL;
  g_autoptr(BedsideTranslation) handout = NULL;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  translation = bedside_guideline_load_translation (source, "es", &error);
  g_assert_null (translation);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected_in_message));
  /* A difference in the records is in the translated records file: the
   * message should name it, with its line. */
  if (g_str_has_prefix (file, "medicines" G_DIR_SEPARATOR_S))
    {
      g_autofree char *records = g_build_filename (dir, "es", file, NULL);
      g_autofree char *located = g_strconcat (records, ":", NULL);

      if (strstr (error->message, located) == NULL)
        g_error ("'%s' not in: %s", located, error->message);
    }

  /* A handout in Spanish then keeps the original's texts, and says why. */
  handout = bedside_translation_new (source, "es", NULL);
  g_assert_false (bedside_translation_has_guideline (handout));
  g_assert_true (bedside_translation_get_guideline (handout) == source);
  missing = bedside_translation_describe_missing (handout);
  g_assert_nonnull (strstr (missing, "refused"));

  remove_translation (dir);
}

static void
assert_refused (const char *from,
                const char *to,
                const char *expected_in_message)
{
  assert_refused_in ("back-spasm.xml", from, to, expected_in_message);
}

static void
test_refused (void)
{
  /* An unchanged copy is accepted: the refusals below are the changes'. */
  {
    g_autofree char *dir = make_translation ("xml:lang=\"es\"", "xml:lang=\"es\"");
    g_autofree char *source_path = g_build_filename (dir, "back-spasm.xml", NULL);
    g_autoptr(BedsideGuideline) source = bedside_guideline_new_from_file (source_path, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(BedsideGuideline) translation = bedside_guideline_load_translation (source, "es", &error);

    g_assert_no_error (error);
    g_assert_nonnull (translation);
    remove_translation (dir);
  }

  assert_refused ("xml:lang=\"es\"", "xml:lang=\"fr\"", "its language is 'fr'");
  assert_refused ("version=\"1.1.1\"", "version=\"0.9.0\"", "version");
  /* A broken translation is refused by the loader itself. */
  assert_refused ("<recommendation id=\"heat\"", "<recommendation id=\"warmth\"", "no such recommendation");
  assert_refused ("<decision id=\"red_flag_screen\"", "<decision id=\"red_flags\"", "decision 'red_flags'");
  assert_refused ("enable-when=\"age &gt;= 12\"", "enable-when=\"age &gt;= 10\"", "pregnant");
  assert_refused ("max=\"120\"", "max=\"110\"", "limits");
  assert_refused ("<option code=\"pregnant\">", "<option code=\"embarazada\">", "is not a code of pregnant");
  assert_refused ("kind=\"avoid\"", "kind=\"info\"", "kind");
  assert_refused ("<define id=\"acute\">duration_weeks &lt; 4</define>",
                  "<define id=\"acute\">duration_weeks &lt; 6</define>", "definition 'acute'");
  assert_refused ("<branch when=\"rf_cauda_equina\"", "<branch when=\"rf_cancer\"", "branch");
  assert_refused ("<recommend ref=\"no_tens\"/>", "", "differ");
  assert_refused ("<cite ref=\"french2006\"/>", "", "cites");
  /* Format 2: what a recommendation offers, and the records' medicines,
   * reasons and cautions (es/medicines/analgesics.xml). */
  assert_refused ("<offers medicine=\"naproxen\"/>", "", "offers other medicines");
  assert_refused ("<map name=\"long_term_use\" to=\"chronic\"/>", "", "long_term_use");
  assert_refused_in ("medicines/analgesics.xml", "<against id=\"age\" when=\"age &gt;= 65\"",
                     "<against id=\"age\" when=\"age &gt;= 70\"", "medicine 'cyclobenzaprine' has other reasons against it");
  assert_refused_in ("medicines/analgesics.xml", "<caution id=\"with_tramadol\" with=\"tramadol\"",
                     "<caution id=\"with_tramadol\" with=\"duloxetine\"", "medicine 'duloxetine' has other cautions");
  assert_refused_in ("medicines/analgesics.xml", "prescription=\"true\"", "prescription=\"false\"",
                     "marked prescription differently");
  /* A text may change its words, never its numbers: in the guideline, a
   * branch label; in the records, the tablets of a dose (the strength is
   * its attribute, the count and the times a day its text). */
  assert_refused ("menos de 4 semanas: vía aguda", "menos de 6 semanas: vía aguda",
                  "a branch label does not have the same numbers");
  {
    g_autoptr(BedsideGuideline) source = load_bundled ();
    g_autoptr(BedsideGuideline) es = bedside_guideline_load_translation (source, "es", NULL);
    const BedsideMedicine *ibuprofen = bedside_guideline_lookup_medicine (es, "ibuprofen");
    g_autoptr(GString) from = g_string_new (ibuprofen->patient_max);
    g_autoptr(GString) to = g_string_new (ibuprofen->patient_max);

    /* "At most 6 tablets a day." or its translation, with 6 as 8. */
    g_assert_nonnull (strchr (from->str, '6'));
    g_string_replace (to, "6", "8", 1);
    assert_refused_in ("medicines/analgesics.xml", from->str, to->str,
                       "a medicine's patient maximum does not have the same numbers");
  }
  /* Numbers are compared in order, each with its unit, as written: two
   * doses swapped, a unit changed, and locale digit grouping are refused
   * (each would pass a comparison of the numbers as a sorted set). */
  assert_refused ("Ciclobenzaprina 5 mg hasta tres veces al día (se puede aumentar a 10 mg",
                  "Ciclobenzaprina 10 mg hasta tres veces al día (se puede aumentar a 5 mg",
                  "in the same order");
  assert_refused ("Ciclobenzaprina 5 mg hasta tres veces al día",
                  "Ciclobenzaprina 5 g hasta tres veces al día", "numbers and units");
  assert_refused ("Ciclobenzaprina 5 mg hasta tres veces al día",
                  "Ciclobenzaprina 5.000 mg hasta tres veces al día", "numbers and units");
}

/* The clinic's checksum list in es/ guards the translation too. */
static void
test_refused_checksum (void)
{
  g_autofree char *dir = make_translation ("xml:lang=\"es\"", "xml:lang=\"es\"");
  g_autofree char *source_path = g_build_filename (dir, "back-spasm.xml", NULL);
  g_autofree char *list = g_build_filename (dir, "es", "SHA256SUMS", NULL);
  g_autoptr(BedsideGuideline) source = bedside_guideline_new_from_file (source_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideGuideline) translation = NULL;

  g_assert_true (g_file_set_contents (list,
      "0000000000000000000000000000000000000000000000000000000000000000  back-spasm.xml\n", -1, NULL));
  translation = bedside_guideline_load_translation (source, "es", &error);
  g_assert_null (translation);
  g_assert_error (error, BEDSIDE_INTEGRITY_ERROR, BEDSIDE_INTEGRITY_ERROR_MISMATCH);

  g_unlink (list);
  remove_translation (dir);
}

/* ---- a handout's language ---------------------------------------------- */

static void
test_handout_language (void)
{
  g_autoptr(BedsideGuideline) source = load_bundled ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BedsideTranslation) es = bedside_translation_new (source, "es", &error);
  g_autoptr(BedsideTranslation) en = NULL;
  g_autoptr(BedsideTranslation) xx = NULL;
  const BedsideRecommendation *heat = bedside_guideline_lookup_recommendation (source, "heat");
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bedside_translation_get_language (es), ==, "es");
  g_assert_true (bedside_translation_has_guideline (es));
  g_assert_true (bedside_translation_has_catalog (es));
  g_assert_null (bedside_translation_describe_missing (es));
  g_assert_cmpstr (bedside_translation_get_recommendation (es, heat)->patient_title, ==,
                   "Póngase calor en la espalda");
  g_assert_cmpstr (bedside_translation_get_recommendation (es, heat)->id, ==, "heat");
  g_assert_cmpstr (bedside_translation_gettext (es, "Urgent"), ==, "Urgente");
  g_assert_cmpstr (bedside_translation_gettext (es, "Not a message"), ==, "Not a message");

  /* The guideline's own language needs nothing. */
  en = bedside_translation_new (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bedside_translation_get_language (en), ==, "en");
  g_assert_null (bedside_translation_describe_missing (en));
  g_assert_true (bedside_translation_get_recommendation (en, heat) == heat);
  g_assert_cmpstr (bedside_translation_gettext (en, "Urgent"), ==, "Urgent");

  /* A language nobody translated: English, string by string, and a reason. */
  xx = bedside_translation_new (source, "xx", &error);
  g_assert_no_error (error);
  g_assert_false (bedside_translation_has_guideline (xx));
  g_assert_false (bedside_translation_has_catalog (xx));
  g_assert_true (bedside_translation_get_recommendation (xx, heat) == heat);
  g_assert_cmpstr (bedside_translation_gettext (xx, "Urgent"), ==, "Urgent");
  missing = bedside_translation_describe_missing (xx);
  g_assert_nonnull (strstr (missing, "'xx'"));

  g_assert_null (bedside_translation_new (source, "x/y", &error));
  g_assert_error (error, BEDSIDE_TRANSLATION_ERROR, BEDSIDE_TRANSLATION_ERROR_BAD_LANGUAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/translation/language-codes", test_language_codes);
  g_test_add_func ("/translation/catalog/lookup", test_catalog_lookup);
  g_test_add_func ("/translation/catalog/errors", test_catalog_errors);
  g_test_add_func ("/translation/find", test_find);
  g_test_add_func ("/translation/list", test_list);
  g_test_add_func ("/translation/bundled-spanish", test_bundled_spanish);
  g_test_add_func ("/translation/refused", test_refused);
  g_test_add_func ("/translation/refused-checksum", test_refused_checksum);
  g_test_add_func ("/translation/handout-language", test_handout_language);

  return g_test_run ();
}
