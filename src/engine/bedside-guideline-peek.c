/* bedside-guideline-peek.c: reads a guideline's <metadata> and stops, so a library can list many files quickly. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "bedside-file.h"
#include "bedside-guideline-peek.h"
#include "bedside-guideline-private.h"

#define PEEK_CHUNK_SIZE 16384

typedef struct
{
  xmlParserCtxtPtr      ctxt;
  const char           *name;
  BedsideGuidelineInfo *info;

  guint                 depth;
  GPtrArray            *open_elements; /* names, for a file cut short */
  gboolean              at_end;        /* the last chunk was fed */
  gboolean              seen_root;
  gboolean              seen_first_part;
  gboolean              in_metadata;
  gboolean              done;         /* </metadata> reached */
  gboolean              have_status;
  gboolean              have_review;

  /* The text-only element being read at depth 3 (title, summary, status). */
  char                 *text_element;
  GString              *text;
  guint                 text_line;

  char                 *error;
  gint                  code;
} Peek;

void
bedside_guideline_info_free (BedsideGuidelineInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->id);
  g_free (info->version);
  g_free (info->title);
  g_free (info->summary);
  g_free (info->review_date);
  g_free (info->next_review);
  g_free (info);
}

static guint
current_line (Peek *peek)
{
  if (peek->ctxt == NULL || peek->ctxt->input == NULL || peek->ctxt->input->line < 0)
    return 0;
  return (guint) peek->ctxt->input->line;
}

/* Keeps the first error only and stops the parser there. */
G_GNUC_PRINTF (4, 5)
static void
peek_error (Peek       *peek,
            guint       line,
            gint        code,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (peek->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    peek->error = g_strdup_printf ("%s:%u: %s", peek->name, line, message);
  else
    peek->error = g_strdup_printf ("%s: %s", peek->name, message);
  peek->code = code;
  if (peek->ctxt != NULL)
    xmlStopParser (peek->ctxt);
}

/* An attribute without a namespace, as a new string, or NULL. */
static char *
get_attribute (const xmlChar **attributes,
               int             n_attributes,
               const char     *name)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      if (a[2] == NULL && xmlStrEqual (a[0], (const xmlChar *) name))
        return g_strndup ((const char *) a[3], (gsize) (a[4] - a[3]));
    }
  return NULL;
}

/* Whitespace runs become one space, as the loader reads text. */
static char *
collapse_spaces (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = s->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (s, ' ');
      space = FALSE;
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static gboolean
is_ours (const xmlChar *uri)
{
  return uri != NULL && xmlStrEqual (uri, (const xmlChar *) BEDSIDE_GUIDELINE_NAMESPACE);
}

static void
start_root (Peek           *peek,
            const xmlChar  *localname,
            const xmlChar  *uri,
            const xmlChar **attributes,
            int             n_attributes)
{
  g_autofree char *format = NULL;
  const char *encoding = (const char *) peek->ctxt->encoding;
  guint line = current_line (peek);

  peek->seen_root = TRUE;
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0)
    {
      peek_error (peek, 1, BEDSIDE_GUIDELINE_ERROR_ENCODING,
                  _("the file declares encoding '%s'; guidelines must be UTF-8"), encoding);
      return;
    }
  if (!is_ours (uri) || !xmlStrEqual (localname, (const xmlChar *) "guideline"))
    {
      peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                  _("the document element is <%s>%s%s, not a Bedside <guideline> in the namespace %s"),
                  localname, uri ? " in the namespace " : "", uri ? (const char *) uri : "",
                  BEDSIDE_GUIDELINE_NAMESPACE);
      return;
    }

  format = get_attribute (attributes, n_attributes, "format");
  if (format != NULL && !g_str_equal (format, "1") && !g_str_equal (format, "2"))
    {
      peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                  _("format='%.20s' is not supported (this version of Bedside reads formats 1 and 2)"), format);
      return;
    }
  peek->info->id = get_attribute (attributes, n_attributes, "id");
  peek->info->version = get_attribute (attributes, n_attributes, "version");
  if (peek->info->id == NULL)
    peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, _("<guideline> needs the attribute 'id'"));
  else if (!bedside_is_valid_id (peek->info->id))
    peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                _("id '%.64s' on <guideline> is not a valid id (a lower-case letter, then letters, digits, '_' or '-', at most 64)"),
                peek->info->id);
  else if (peek->info->version == NULL)
    peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, _("<guideline> needs the attribute 'version'"));
  else if (!g_regex_match_simple ("^[0-9]+\\.[0-9]+\\.[0-9]+$", peek->info->version, 0, 0))
    peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                _("version='%.20s' is not a version number like 1.0.0"), peek->info->version);
}

static void
start_metadata_child (Peek           *peek,
                      const xmlChar  *localname,
                      const xmlChar  *uri,
                      const xmlChar **attributes,
                      int             n_attributes)
{
  static const char * const others[] = { "audience", "population", "disclaimer", "readability", NULL };
  const char *name = (const char *) localname;
  guint line = current_line (peek);

  if (!is_ours (uri))
    {
      peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                  _("unknown element <%s> in <metadata> (elements must be in the namespace %s)"),
                  name, BEDSIDE_GUIDELINE_NAMESPACE);
      return;
    }
  if (g_str_equal (name, "title") || g_str_equal (name, "summary") || g_str_equal (name, "status"))
    {
      peek->text_element = g_strdup (name);
      peek->text_line = line;
      g_string_truncate (peek->text, 0);
    }
  else if (g_str_equal (name, "review"))
    {
      g_autofree char *date = get_attribute (attributes, n_attributes, "date");
      g_autofree char *next = get_attribute (attributes, n_attributes, "next");

      peek->have_review = TRUE;
      if (date == NULL)
        peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE, _("<review> needs the attribute 'date'"));
      else if (!bedside_parse_iso_date (date, NULL))
        peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    _("date='%.20s' on <review> is not a date (YYYY-MM-DD)"), date);
      else if (next != NULL && !bedside_parse_iso_date (next, NULL))
        peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    _("next='%.20s' on <review> is not a date (YYYY-MM-DD)"), next);
      g_free (peek->info->review_date);
      g_free (peek->info->next_review);
      peek->info->review_date = g_steal_pointer (&date);
      peek->info->next_review = g_steal_pointer (&next);
    }
  else if (!g_strv_contains (others, name))
    peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT, _("unknown element <%s> in <metadata>"), name);
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Peek *peek = user_data;
  guint depth = ++peek->depth;

  g_ptr_array_add (peek->open_elements, g_strdup ((const char *) localname));
  if (peek->error != NULL || peek->done)
    return;
  if (depth > BEDSIDE_GUIDELINE_MAX_DEPTH)
    {
      peek_error (peek, current_line (peek), BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,
                  _("elements are nested more than %d deep"), BEDSIDE_GUIDELINE_MAX_DEPTH);
      return;
    }
  if (peek->text_element != NULL)
    {
      peek_error (peek, current_line (peek), BEDSIDE_GUIDELINE_ERROR_UNKNOWN_ELEMENT,
                  _("unexpected element <%s> inside <%s>, which holds text only"), localname, peek->text_element);
      return;
    }

  if (depth == 1)
    start_root (peek, localname, uri, attributes, n_attributes);
  else if (depth == 2 && !peek->seen_first_part)
    {
      peek->seen_first_part = TRUE;
      if (!is_ours (uri) || !xmlStrEqual (localname, (const xmlChar *) "metadata"))
        peek_error (peek, current_line (peek), BEDSIDE_GUIDELINE_ERROR_SCHEMA,
                    _("<guideline> must start with <metadata>, not <%s>"), localname);
      else
        peek->in_metadata = TRUE;
    }
  else if (depth == 3 && peek->in_metadata)
    start_metadata_child (peek, localname, uri, attributes, n_attributes);
}

static void
finish_text_element (Peek *peek)
{
  g_autofree char *text = collapse_spaces (peek->text->str);
  g_autofree char *element = g_steal_pointer (&peek->text_element);

  if (g_str_equal (element, "title"))
    {
      g_free (peek->info->title);
      peek->info->title = g_steal_pointer (&text);
    }
  else if (g_str_equal (element, "summary"))
    {
      g_free (peek->info->summary);
      peek->info->summary = g_steal_pointer (&text);
    }
  else
    {
      gint status = -1;

      for (guint i = 0; i < G_N_ELEMENTS (bedside_status_names); i++)
        if (g_str_equal (bedside_status_names[i], text))
          status = (gint) i;
      peek->have_status = TRUE;
      if (status < 0)
        peek_error (peek, peek->text_line, BEDSIDE_GUIDELINE_ERROR_BAD_ATTRIBUTE,
                    _("status '%.40s' is not one of draft, under-review, approved, retired"), text);
      else
        peek->info->status = (BedsideReviewStatus) status;
    }
}

static void
on_end_element (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Peek *peek = user_data;
  guint depth = peek->depth--;

  if (peek->open_elements->len > 0)
    g_ptr_array_set_size (peek->open_elements, peek->open_elements->len - 1);
  if (peek->error != NULL || peek->done)
    return;
  if (depth == 3 && peek->text_element != NULL)
    finish_text_element (peek);
  else if (depth == 2 && peek->in_metadata)
    {
      guint line = current_line (peek);

      peek->in_metadata = FALSE;
      if (peek->info->title == NULL || *peek->info->title == '\0')
        peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<metadata> needs a <title>"));
      else if (!peek->have_status)
        peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<metadata> needs a <status>"));
      else if (!peek->have_review)
        peek_error (peek, line, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<metadata> needs a <review date=\"…\">"));
      else
        {
          /* All a library needs: the rest of the file is for later. */
          peek->done = TRUE;
          xmlStopParser (peek->ctxt);
        }
    }
}

static void
on_characters (void          *user_data,
               const xmlChar *text,
               int            length)
{
  Peek *peek = user_data;

  if (peek->text_element != NULL && peek->error == NULL && length > 0)
    g_string_append_len (peek->text, (const char *) text, length);
}

static void
on_internal_subset (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  Peek *peek = user_data;

  /* As in the loader: a DOCTYPE could declare entities or load files. */
  peek_error (peek, current_line (peek), BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
              _("a DOCTYPE is not allowed in a guideline (it could declare entities or load external files)"));
}

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  error)
{
  Peek *peek = user_data;
  g_autofree char *message = NULL;
  gint code = BEDSIDE_GUIDELINE_ERROR_MALFORMED;

  if (error == NULL || error->level < XML_ERR_ERROR || error->code == XML_ERR_USER_STOP)
    return;
  /* libxml2's push parser calls a file cut short "extra content". */
  if (peek->at_end && peek->open_elements->len > 0)
    {
      peek_error (peek, error->line > 0 ? (guint) error->line : 0, code,
                  _("not well-formed XML: the file ends inside <%s> (it is cut short)"),
                  (const char *) g_ptr_array_index (peek->open_elements, peek->open_elements->len - 1));
      return;
    }
  if (error->code == XML_ERR_INVALID_ENCODING ||
      (error->message != NULL && strstr (error->message, "not proper UTF-8") != NULL))
    {
      peek_error (peek, error->line > 0 ? (guint) error->line : 0, BEDSIDE_GUIDELINE_ERROR_ENCODING,
                  _("invalid UTF-8; guidelines must be UTF-8"));
      return;
    }
  /* Only the first line: the rest shows raw bytes. */
  message = g_strdup (error->message ? error->message : "malformed XML");
  message[strcspn (message, "\n")] = '\0';
  if (strstr (message, "depth") != NULL)
    code = BEDSIDE_GUIDELINE_ERROR_TOO_LARGE;
  peek_error (peek, error->line > 0 ? (guint) error->line : 0, code, _("not well-formed XML: %s"), g_strchomp (message));
}

static void
on_generic_error (void       *ctx,
                  const char *msg,
                  ...)
{
  /* libxml2 must never print to stderr on its own. */
}

static guint
count_lines (const char *data,
             gsize       length)
{
  guint lines = 0;

  for (gsize i = 0; i < length; i++)
    if (data[i] == '\n')
      lines++;
  return lines;
}

/* Checks what libxml2 would not say as clearly: UTF-16 and NUL bytes. */
static gboolean
check_chunk (Peek       *peek,
             const char *data,
             gsize       length,
             gboolean    first,
             guint      *lines_before)
{
  const char *nul;

  if (first && length >= 2 &&
      (((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff) ||
       ((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)))
    {
      peek_error (peek, 1, BEDSIDE_GUIDELINE_ERROR_ENCODING, _("the file is UTF-16; guidelines must be UTF-8"));
      return FALSE;
    }
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      peek_error (peek, *lines_before + count_lines (data, (gsize) (nul - data)) + 1,
                  BEDSIDE_GUIDELINE_ERROR_ENCODING,
                  _("the file contains a NUL byte; guidelines are UTF-8 text"));
      return FALSE;
    }
  *lines_before += count_lines (data, length);
  return TRUE;
}

static void
parse_stream (Peek *peek,
              int   fd)
{
  xmlSAXHandler sax;
  xmlGenericErrorFunc old_generic = xmlGenericError;
  void *old_generic_ctx = xmlGenericErrorContext;
  g_autofree char *buffer = g_malloc (PEEK_CHUNK_SIZE);
  gboolean first = TRUE;
  guint lines = 0;
  gsize total = 0;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.internalSubset = on_internal_subset;
  sax.serror = on_structured_error;
  sax.error = (errorSAXFunc) on_generic_error;
  sax.warning = (warningSAXFunc) on_generic_error;

  xmlSetGenericErrorFunc (NULL, on_generic_error);
  xmlSetStructuredErrorFunc (peek, on_structured_error);

  peek->ctxt = xmlCreatePushParserCtxt (&sax, peek, NULL, 0, peek->name);
  if (peek->ctxt == NULL)
    peek_error (peek, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, _("cannot create an XML parser"));
  else
    /* The loader's settings: no network, no entity substitution, no DTD. */
    xmlCtxtUseOptions (peek->ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);

  while (peek->error == NULL && !peek->done)
    {
      gssize n = read (fd, buffer, PEEK_CHUNK_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          peek_error (peek, 0, BEDSIDE_GUIDELINE_ERROR_IO, _("cannot read the file: %s"), g_strerror (saved));
          break;
        }
      total += (gsize) n;
      if (n == 0 && total == 0)
        {
          peek_error (peek, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, _("the file is empty"));
          break;
        }
      if (total > BEDSIDE_GUIDELINE_MAX_SIZE)
        {
          peek_error (peek, 0, BEDSIDE_GUIDELINE_ERROR_TOO_LARGE, _("the file is too large (the limit is %d MiB)"),
                      BEDSIDE_GUIDELINE_MAX_SIZE / (1024 * 1024));
          break;
        }
      if (n > 0 && !check_chunk (peek, buffer, (gsize) n, first, &lines))
        break;
      first = FALSE;
      peek->at_end = n == 0;
      xmlParseChunk (peek->ctxt, buffer, (int) n, n == 0);
      if (n == 0)
        break;
    }

  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlSetGenericErrorFunc (old_generic_ctx, old_generic);

  if (peek->error == NULL && !peek->done)
    {
      if (!peek->seen_root)
        peek_error (peek, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, _("not well-formed XML: no document element"));
      else
        peek_error (peek, 0, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("<guideline> needs a <metadata>"));
    }

  if (peek->ctxt != NULL)
    {
      if (peek->ctxt->myDoc != NULL)
        xmlFreeDoc (peek->ctxt->myDoc);
      xmlFreeParserCtxt (peek->ctxt);
      peek->ctxt = NULL;
    }
}

BedsideGuidelineInfo *
bedside_guideline_peek_metadata (const char  *path,
                                 GError     **error)
{
  g_autoptr(BedsideGuidelineInfo) info = g_new0 (BedsideGuidelineInfo, 1);
  g_autoptr(GError) local_error = NULL;
  Peek peek = { 0 };
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same opening as every other read; the size is checked as the
   * stream is read (st_size says nothing for a device). */
  fd = bedside_file_open (path, BEDSIDE_FILE_READ_REGULAR, &local_error);
  if (fd < 0)
    {
      g_set_error_literal (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO, local_error->message);
      return NULL;
    }

  info->path = g_strdup (path);
  info->status = BEDSIDE_STATUS_DRAFT;
  peek.name = path;
  peek.info = info;
  peek.text = g_string_new (NULL);
  peek.open_elements = g_ptr_array_new_with_free_func (g_free);
  parse_stream (&peek, fd);
  close (fd);
  g_string_free (peek.text, TRUE);
  g_ptr_array_unref (peek.open_elements);
  g_free (peek.text_element);

  if (peek.error != NULL)
    {
      g_set_error_literal (error, BEDSIDE_GUIDELINE_ERROR, peek.code, peek.error);
      g_free (peek.error);
      return NULL;
    }
  return g_steal_pointer (&info);
}
