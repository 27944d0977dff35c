/* test-session.c: answers, enable-when, validation, section navigation and completeness. */
#include "config.h"

#include <string.h>

#include "bedside-session.h"

static BedsideGuideline *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format-example.xml", NULL);
  g_autoptr(GError) error = NULL;
  BedsideGuideline *g = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  return g;
}

static guint
item_index (BedsideGuideline *g,
            const char       *id)
{
  const BedsideItem *item = bedside_guideline_lookup_item (g, id);
  g_assert_nonnull (item);
  return item->index;
}

static void
set (BedsideSession *session,
     const char     *id,
     const char     *text)
{
  g_autoptr(GError) error = NULL;
  bedside_session_set_answer_from_string (session, item_index (bedside_session_get_guideline (session), id),
                                          text, &error);
  g_assert_no_error (error);
}

static void
test_enable_when_live (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  g_autoptr(BedsideSession) s = bedside_session_new (g);
  guint swelling = item_index (g, "swelling");
  guint64 serial;

  /* Unknown → not enabled: swelling waits for the Ottawa questions. */
  g_assert_false (bedside_session_is_enabled (s, swelling));
  set (s, "bone_tenderness", "no");
  g_assert_false (bedside_session_is_enabled (s, swelling));
  set (s, "bears_weight", "yes");
  g_assert_true (bedside_session_is_enabled (s, swelling));

  /* An answer to a disabled item is kept but does not count. */
  set (s, "swelling", "severe");
  g_assert_cmpint (bedside_session_get_values (s)[swelling].state, ==, BEDSIDE_VALUE_KNOWN);
  serial = bedside_session_get_serial (s);
  set (s, "bone_tenderness", "yes");
  g_assert_cmpuint (bedside_session_get_serial (s), >, serial);
  g_assert_false (bedside_session_is_enabled (s, swelling));
  g_assert_cmpint (bedside_session_get_values (s)[swelling].state, ==, BEDSIDE_VALUE_UNKNOWN);
  g_assert_cmpint (bedside_session_get_answer (s, swelling)->state, ==, BEDSIDE_VALUE_KNOWN);

  /* And counts again when the item comes back. */
  set (s, "bone_tenderness", "no");
  g_assert_cmpint (bedside_session_get_values (s)[swelling].code, ==, 2);
}

static void
test_validation_messages (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  g_autoptr(BedsideSession) s = bedside_session_new (g);
  g_autoptr(GError) error = NULL;
  guint age = item_index (g, "age");
  BedsideValue value = { .state = BEDSIDE_VALUE_KNOWN, .type = BEDSIDE_TYPE_INTEGER, .integer = 121 };
  g_autofree char *message = NULL;

  g_assert_false (bedside_session_set_answer (s, age, &value, &error));
  g_assert_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "121 is out of range (0 to 120 years)");
  g_clear_error (&error);

  value = bedside_value_boolean (TRUE);
  g_assert_false (bedside_session_set_answer (s, age, &value, &error));
  g_assert_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_WRONG_TYPE);
  g_assert_cmpstr (error->message, ==, "Expected integer, not boolean");
  g_clear_error (&error);

  g_assert_false (bedside_session_set_answer_from_string (s, age, "forty", &error));
  g_assert_cmpstr (error->message, ==, "Enter a whole number");
  g_clear_error (&error);

  g_assert_false (bedside_session_set_answer_from_string (s, item_index (g, "swelling"), "huge", &error));
  g_assert_error (error, BEDSIDE_SESSION_ERROR, BEDSIDE_SESSION_ERROR_BAD_CODE);
  g_assert_cmpstr (error->message, ==, "'huge' is not one of mild, moderate, severe");
  g_clear_error (&error);

  message = bedside_session_validate_item (s, age);
  g_assert_cmpstr (message, ==, "Required: please answer this question.");
  g_clear_pointer (&message, g_free);
  set (s, "age", "40");
  g_assert_null (bedside_session_validate_item (s, age));
  /* A rejected answer leaves the previous one in place. */
  value.type = BEDSIDE_TYPE_INTEGER;
  value.integer = -1;
  g_assert_false (bedside_session_set_answer (s, age, &value, NULL));
  g_assert_cmpint (bedside_session_get_answer (s, age)->integer, ==, 40);
}

static void
test_sections_skip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format-example.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) xml = NULL;
  g_autoptr(BedsideGuideline) g3 = NULL;
  g_autoptr(BedsideSession) s = NULL;
  g_autoptr(GError) error = NULL;

  /* A third section that is only enabled for patients aged 65 and over. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  xml = g_string_new (contents);
  g_string_replace (xml, "    <section id=\"injury\">",
                    "    <section id=\"older\">\n      <title>Older patients</title>\n"
                    "      <item id=\"falls\" type=\"boolean\" enable-when=\"age &gt;= 65\"><label>Falls?</label></item>\n"
                    "    </section>\n    <section id=\"injury\">", 1);
  g3 = bedside_guideline_new_from_data (xml->str, xml->len, "sections.xml", &error);
  g_assert_no_error (error);
  s = bedside_session_new (g3);

  set (s, "age", "40");
  g_assert_false (bedside_session_section_is_enabled (s, 1));
  g_assert_cmpint (bedside_session_next_section (s, 0), ==, 2);
  g_assert_cmpint (bedside_session_previous_section (s, 2), ==, 0);
  g_assert_cmpint (bedside_session_next_section (s, 2), ==, -1);
  g_assert_cmpint (bedside_session_previous_section (s, 0), ==, -1);

  set (s, "age", "70");
  g_assert_true (bedside_session_section_is_enabled (s, 1));
  g_assert_cmpint (bedside_session_next_section (s, 0), ==, 1);
  g_assert_false (bedside_session_section_is_valid (s, 1));
  set (s, "falls", "yes");
  g_assert_true (bedside_session_section_is_valid (s, 1));
}

static void
test_completeness (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  g_autoptr(BedsideSession) s = bedside_session_new (g);
  g_autoptr(GPtrArray) missing = NULL;

  missing = bedside_session_collect_missing_items (s);
  /* swelling is not enabled yet, so it is not missing. */
  g_assert_cmpuint (missing->len, ==, 4);
  g_assert_cmpstr (((BedsideItem *) missing->pdata[0])->id, ==, "age");
  g_clear_pointer (&missing, g_ptr_array_unref);

  set (s, "age", "40");
  set (s, "asthma_nsaid", "no");
  set (s, "bone_tenderness", "yes");
  set (s, "bears_weight", "yes");
  /* Fracture risk: swelling stays disabled; the session is complete. */
  g_assert_true (bedside_session_is_complete (s));
  set (s, "bone_tenderness", "no");
  g_assert_false (bedside_session_is_complete (s));
  missing = bedside_session_collect_missing_items (s);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (((BedsideItem *) missing->pdata[0])->id, ==, "swelling");

  bedside_session_clear (s);
  g_assert_false (bedside_session_is_complete (s));
  g_assert_cmpint (bedside_session_get_answer (s, 0)->state, ==, BEDSIDE_VALUE_UNKNOWN);
}

/* ---- answers files ---------------------------------------------------- */

static char *
load_error (BedsideGuideline *g,
            const char       *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = bedside_answers_data_read (json, -1, "a.json", &error);
  g_autoptr(BedsideSession) s = NULL;

  if (root == NULL)
    return g_strdup (error->message);
  s = bedside_session_new (g);
  if (bedside_session_load_answers_json (s, root, "a.json", &error))
    return NULL;
  /* Nothing of a refused file stays in the session. */
  for (guint i = 0; i < bedside_guideline_get_n_items (g); i++)
    g_assert_cmpint (bedside_session_get_answer (s, i)->state, ==, BEDSIDE_VALUE_UNKNOWN);
  return g_strdup (error->message);
}

static void
test_answers_errors (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  struct { const char *json; const char *message; } cases[] = {
    { "{\"age\": 40, \"agee\": 3}", "a.json: \"agee\" is not an item of the guideline 'ankle-sprain-example'" },
    { "{\"age\": \"40\"}", "a.json: age: expected a whole number, not text" },
    { "{\"age\": 40.5}", "a.json: age: expected a whole number, not a number" },
    { "{\"age\": 400}", "a.json: age: 400 is out of range (0 to 120 years)" },
    { "{\"swelling\": \"huge\"}", "a.json: swelling: \"huge\" is not one of mild, moderate, severe" },
    { "{\"asthma_nsaid\": null}", "a.json: asthma_nsaid: expected true or false, not null" },
    { "{\"age\": 40, \"age\": 41}", "a.json:1:13: the key \"age\" appears twice" },
    { "{\"age\": 40, \"a\\u0067e\": 41}", "a.json:1:13: the key \"age\" appears twice" },
    { "{\"age\": 40,\n \"x\": {\"age\": 1}}", "a.json: \"x\" is not an item of the guideline 'ankle-sprain-example'" },
    { "[1, 2]", "a.json: expected a JSON object mapping item ids to answers" },
    { "{\"age\": 4", NULL },
    { "{\"age\": NaN}", NULL },
    { "", "a.json: the file is empty" },
    /* A file that says it is a consultation gets the consultation
     * reader's checks (bedside_consultation_new_from_json): its format
     * version, then the guideline object, then which guideline it is. */
    { "{\"format\": \"bedside-consultation\", \"guideline\": {\"id\": \"ankle-sprain-example\", \"version\": \"0.1.0\"},"
      " \"answers\": {}}",
      "a.json: \"version\" must be a whole number from 1" },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": {}, \"version\": \"0.1.0\"},"
      " \"answers\": {}}",
      "a.json: \"id\" in \"guideline\" must be text" },
    { "{\"format\": \"bedside-consultation\", \"version\": 99, \"guideline\": {\"id\": \"other\", \"version\": \"0.1.0\"},"
      " \"answers\": {}}",
      "a.json: made by a newer version of Bedside (consultation format 99; this version reads format 2)" },
    { "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"other\", \"version\": \"0.1.0\"},"
      " \"answers\": {}}",
      "a.json: this consultation was made with the guideline 'other', not 'ankle-sprain-example'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = load_error (g, cases[i].json);
      g_assert_nonnull (message);
      g_assert_true (g_str_has_prefix (message, "a.json:"));
      if (cases[i].message != NULL)
        g_assert_cmpstr (message, ==, cases[i].message);
    }
}

/* One answer checked alone: the bare reason, with a code, for whoever
 * reports it (a consultation's mismatches), and no message text to parse. */
static void
test_answers_check_value (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  struct { const char *item; const char *json; gint code; const char *message; } cases[] = {
    { "age", "40", -1, NULL },
    { "age", "\"40\"", BEDSIDE_SESSION_ERROR_WRONG_TYPE, "expected a whole number, not text" },
    { "age", "400", BEDSIDE_SESSION_ERROR_OUT_OF_RANGE, "400 is out of range (0 to 120 years)" },
    { "swelling", "\"moderate\"", -1, NULL },
    { "swelling", "\"huge\"", BEDSIDE_SESSION_ERROR_BAD_CODE, "\"huge\" is not one of mild, moderate, severe" },
    { "asthma_nsaid", "null", BEDSIDE_SESSION_ERROR_WRONG_TYPE, "expected true or false, not null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const BedsideItem *item = bedside_guideline_lookup_item (g, cases[i].item);
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (item);
      g_assert_nonnull (node);
      if (cases[i].message == NULL)
        {
          g_assert_true (bedside_answers_check_value (item, node, &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (bedside_answers_check_value (item, node, &error));
      g_assert_error (error, BEDSIDE_SESSION_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_answers_deep_nesting (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  g_autoptr(GString) json = g_string_new ("{\"age\": ");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  message = load_error (g, json->str);
  g_assert_cmpstr (message, ==, "a.json:1:40: JSON nested more than 32 deep");
}

static void
test_answers_all_problems (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  g_autofree char *message = load_error (g, "{\"age\": -3, \"nope\": 1, \"bears_weight\": 2}");
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 3);
}

static void
test_consultation_round_trip (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  g_autoptr(BedsideSession) a = bedside_session_new (g);
  g_autoptr(BedsideSession) b = bedside_session_new (g);
  g_autoptr(JsonNode) answers = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) consultation = NULL;
  g_autoptr(GError) error = NULL;

  set (a, "age", "40");
  set (a, "swelling", "mild");
  answers = bedside_session_answers_to_json (a);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "bedside-consultation");
  /* What the consultation reader needs: the format version and which
   * guideline it was made with. */
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "guideline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, bedside_guideline_get_id (g));
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, bedside_guideline_get_version (g));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, bedside_guideline_get_sha256 (g));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "answers");
  json_builder_add_value (builder, json_node_copy (answers));
  json_builder_end_object (builder);
  consultation = json_builder_get_root (builder);

  g_assert_true (bedside_session_load_answers_json (b, consultation, "c.json", &error));
  g_assert_no_error (error);
  g_assert_cmpint (bedside_session_get_answer (b, item_index (g, "age"))->integer, ==, 40);
  g_assert_cmpint (bedside_session_get_answer (b, item_index (g, "swelling"))->code, ==, 0);
  g_assert_cmpint (bedside_session_get_answer (b, item_index (g, "asthma_nsaid"))->state, ==, BEDSIDE_VALUE_UNKNOWN);
}

static BedsideGuideline *
load_tiny (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "tiny.xml", NULL);
  g_autoptr(GError) error = NULL;
  BedsideGuideline *g = bedside_guideline_new_from_file (path, &error);

  g_assert_no_error (error);
  return g;
}

/* An answer to a question those answers do not ask ("pain" is asked only
 * without a red flag) used to be dropped without a word. */
static void
test_answers_not_asked (void)
{
  g_autoptr(BedsideGuideline) g = load_tiny ();
  g_autofree char *message = NULL;
  static const char consultation[] =
    "{\"format\": \"bedside-consultation\", \"version\": 1, \"guideline\": {\"id\": \"tiny\", \"version\": \"1.0.0\"}, "
    "\"answers\": {\"age\": 40, \"red_flag\": true, \"pain\": \"mild\"}}";

  message = load_error (g, "{\"age\": 40, \"red_flag\": true, \"pain\": \"mild\"}");
  g_assert_cmpstr (message, ==, "a.json: pain: answered, but these answers do not ask it (its enable-when is not true)");
  g_clear_pointer (&message, g_free);

  /* Unknown is not true either, but while red_flag is missing the missing
   * answer is the error: the answers load, and the session is incomplete. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = bedside_answers_data_read ("{\"age\": 40, \"pain\": \"mild\"}", -1, "a.json", &error);
    g_autoptr(BedsideSession) session = bedside_session_new (g);
    g_autoptr(GPtrArray) missing = NULL;

    g_assert_no_error (error);
    g_assert_true (bedside_session_load_answers_json (session, root, "a.json", &error));
    missing = bedside_session_collect_missing_items (session);
    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_cmpstr (((const BedsideItem *) missing->pdata[0])->id, ==, "red_flag");
  }

  /* Asked: fine. */
  g_assert_null (load_error (g, "{\"age\": 40, \"red_flag\": false, \"pain\": \"mild\"}"));

  /* A saved consultation keeps the answer a later one hid, unused. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = bedside_answers_data_read (consultation, -1, "c.json", &error);
    g_autoptr(BedsideSession) session = bedside_session_new (g);

    g_assert_no_error (error);
    g_assert_true (bedside_session_load_answers_json (session, root, "c.json", &error));
    g_assert_no_error (error);
    g_assert_false (bedside_session_is_enabled (session, item_index (g, "pain")));
    g_assert_cmpint (bedside_session_get_answer (session, item_index (g, "pain"))->state, ==, BEDSIDE_VALUE_KNOWN);
    g_assert_cmpint (bedside_session_get_values (session)[item_index (g, "pain")].state, ==, BEDSIDE_VALUE_UNKNOWN);
  }
}

/* At most 20 problems are listed, then a count. */
static void
test_answers_bounded_errors (void)
{
  g_autoptr(BedsideGuideline) g = load_example ();
  g_autoptr(GString) json = g_string_new ("{");
  g_autofree char *message = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (json, "%s\"unknown_%u\": 1", i > 0 ? ", " : "", i);
  g_string_append_c (json, '}');
  message = load_error (g, json->str);
  lines = g_strsplit (message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, BEDSIDE_ANSWERS_MAX_ERRORS + 1);
  g_assert_cmpstr (lines[0], ==, "a.json: \"unknown_0\" is not an item of the guideline 'ankle-sprain-example'");
  g_assert_cmpstr (lines[BEDSIDE_ANSWERS_MAX_ERRORS], ==, "a.json: … and 980 more errors");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/enable-when-live", test_enable_when_live);
  g_test_add_func ("/session/validation-messages", test_validation_messages);
  g_test_add_func ("/session/sections-skip", test_sections_skip);
  g_test_add_func ("/session/completeness", test_completeness);
  g_test_add_func ("/session/answers/errors", test_answers_errors);
  g_test_add_func ("/session/answers/check-value", test_answers_check_value);
  g_test_add_func ("/session/answers/deep-nesting", test_answers_deep_nesting);
  g_test_add_func ("/session/answers/all-problems", test_answers_all_problems);
  g_test_add_func ("/session/answers/consultation-round-trip", test_consultation_round_trip);
  g_test_add_func ("/session/answers/not-asked", test_answers_not_asked);
  g_test_add_func ("/session/answers/bounded-errors", test_answers_bounded_errors);
  return g_test_run ();
}
