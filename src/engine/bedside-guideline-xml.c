/* bedside-guideline-xml.c: parses guideline XML safely with libxml2 and checks it against the RELAX NG schema. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "bedside-engine-resources.h"
#include "bedside-guideline-loader-private.h"

/* ---- safe parsing with libxml2 --------------------------------------- */

typedef struct
{
  guint    doctype_line;
  gboolean doctype;
  char    *first_error;
  guint    first_error_line;
} ParseState;

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  /* A DOCTYPE is the door to entity expansion and external DTDs:
   * stop here, before anything in it is read. */
  state->doctype = TRUE;
  state->doctype_line = ctxt->input ? (guint) ctxt->input->line : 0;
  xmlStopParser (ctxt);
}

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  error)
{
  ParseState *state = user_data;

  if (state->first_error != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  state->first_error = g_strchomp (g_strdup (error->message ? error->message : "malformed XML"));
  state->first_error_line = error->line > 0 ? (guint) error->line : 0;
}

static void
on_generic_error (void       *ctx,
                  const char *msg,
                  ...)
{
  /* libxml2 must never print to stderr on its own: errors are ours to report. */
}

static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

gboolean
bedside_check_encoding (Loader     *loader,
                        const char *data,
                        gsize       length)
{
  const char *end = NULL;
  const char *nul;

  if (length >= 2 && (((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff) ||
                      ((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)))
    {
      bedside_loader_error (loader, 1, BEDSIDE_GUIDELINE_ERROR_ENCODING,
                            _("the file is UTF-16; guidelines must be UTF-8"));
      return FALSE;
    }
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      bedside_loader_error (loader, line_of_offset (data, (gsize) (nul - data)), BEDSIDE_GUIDELINE_ERROR_ENCODING,
                            _("the file contains a NUL byte; guidelines are UTF-8 text"));
      return FALSE;
    }
  if (!g_utf8_validate (data, (gssize) length, &end))
    {
      bedside_loader_error (loader, line_of_offset (data, (gsize) (end - data)), BEDSIDE_GUIDELINE_ERROR_ENCODING,
                            _("invalid UTF-8 (byte 0x%02x); guidelines must be UTF-8"),
                            (guchar) *end);
      return FALSE;
    }
  return TRUE;
}

static guint
max_depth (xmlNode *node,
           guint    depth,
           xmlNode **deepest)
{
  guint deepest_depth = depth;

  if (depth > BEDSIDE_GUIDELINE_MAX_DEPTH)
    {
      *deepest = node;
      return depth;
    }
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        guint d = max_depth (child, depth + 1, deepest);
        deepest_depth = MAX (deepest_depth, d);
        if (deepest_depth > BEDSIDE_GUIDELINE_MAX_DEPTH)
          break;
      }
  return deepest_depth;
}

xmlDoc *
bedside_parse_xml (Loader     *loader,
                   const char *data,
                   gsize       length)
{
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc = NULL;
  ParseState state = { 0 };
  xmlGenericErrorFunc old_generic = xmlGenericError;
  void *old_generic_ctx = xmlGenericErrorContext;

  if (length > G_MAXINT)
    return NULL;

  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (ctxt == NULL)
    {
      bedside_loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_MALFORMED, _("cannot create an XML parser"));
      return NULL;
    }

  /* No network, no entity substitution, no DTD loading or validation,
   * line numbers past 65535.  Default entity-amplification limits stay on. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->externalSubset = NULL;
  ctxt->sax->resolveEntity = NULL;
  ctxt->sax->serror = on_structured_error;
  ctxt->sax->error = (errorSAXFunc) on_generic_error;
  ctxt->sax->warning = (warningSAXFunc) on_generic_error;
  ctxt->vctxt.error = on_generic_error;
  ctxt->vctxt.warning = on_generic_error;
  xmlSetGenericErrorFunc (NULL, on_generic_error);
  xmlSetStructuredErrorFunc (&state, on_structured_error);

  xmlParseDocument (ctxt);

  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlSetGenericErrorFunc (old_generic_ctx, old_generic);

  if (state.doctype)
    bedside_loader_error (loader, state.doctype_line, BEDSIDE_GUIDELINE_ERROR_FORBIDDEN,
                          _("a DOCTYPE is not allowed in a guideline (it could declare entities or load external files)"));
  else if (!ctxt->wellFormed || ctxt->myDoc == NULL)
    {
      const char *message = state.first_error;
      guint line = state.first_error_line;
      gint code = BEDSIDE_GUIDELINE_ERROR_MALFORMED;

      if (message == NULL && ctxt->lastError.message != NULL)
        {
          message = ctxt->lastError.message;
          line = (guint) MAX (ctxt->lastError.line, 0);
        }
      if (ctxt->lastError.code == XML_ERR_INTERNAL_ERROR && message && strstr (message, "depth"))
        code = BEDSIDE_GUIDELINE_ERROR_TOO_LARGE;
      if (message != NULL && strstr (message, "Excessive depth") != NULL)
        code = BEDSIDE_GUIDELINE_ERROR_TOO_LARGE;
      bedside_loader_error (loader, line, code, _("not well-formed XML: %s"),
                            message ? message : "unknown error");
    }
  else
    doc = g_steal_pointer (&ctxt->myDoc);

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  xmlFreeParserCtxt (ctxt);
  g_free (state.first_error);

  if (doc != NULL && doc->encoding != NULL &&
      g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0)
    {
      bedside_loader_error (loader, 1, BEDSIDE_GUIDELINE_ERROR_ENCODING,
                            _("the file declares encoding '%s'; guidelines must be UTF-8"),
                            (const char *) doc->encoding);
      xmlFreeDoc (doc);
      return NULL;
    }

  if (doc != NULL)
    {
      xmlNode *deepest = NULL;
      xmlNode *root = xmlDocGetRootElement (doc);

      if (root != NULL && max_depth (root, 1, &deepest) > BEDSIDE_GUIDELINE_MAX_DEPTH)
        {
          bedside_loader_error (loader, bedside_node_line (deepest), BEDSIDE_GUIDELINE_ERROR_TOO_LARGE,
                                _("elements are nested more than %d deep"), BEDSIDE_GUIDELINE_MAX_DEPTH);
          xmlFreeDoc (doc);
          return NULL;
        }
    }
  return doc;
}

/* The schema is compiled once and shared: it never changes at run time. */
static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      /* Looked up in our own resource: a static library would drop a
       * resource that nothing references. */
      g_autoptr(GBytes) bytes = g_resource_lookup_data (bedside_engine_get_resource (),
                                                        "/org/bedside/Bedside/engine/bedside-guideline.rng",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) size);

          xmlRelaxNGSetParserErrors (pctxt, (xmlRelaxNGValidityErrorFunc) on_generic_error,
                                     (xmlRelaxNGValidityWarningFunc) on_generic_error, NULL);
          schema = xmlRelaxNGParse (pctxt);
          xmlRelaxNGFreeParserCtxt (pctxt);
        }
      if (schema == NULL)
        g_critical ("The bundled guideline schema could not be loaded");
      g_once_init_leave (&initialized, 1);
    }
  return schema;
}

typedef struct
{
  Loader *loader;
  guint   count;
} SchemaErrors;

static void
on_schema_error (void        *user_data,
                 xmlErrorPtr  error)
{
  SchemaErrors *errors = user_data;

  if (error == NULL || error->level < XML_ERR_ERROR || errors->count++ >= 5)
    return;
  bedside_loader_error (errors->loader, error->line > 0 ? (guint) error->line : 0,
                        BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("does not match the schema: %s"),
                        g_strchomp (error->message ? error->message : (char *) "invalid"));
}

void
bedside_validate_schema (Loader *loader,
                         xmlDoc *doc)
{
  xmlRelaxNGPtr schema = get_schema ();
  xmlRelaxNGValidCtxtPtr vctxt;
  SchemaErrors errors = { loader, 0 };
  int result;

  if (schema == NULL)
    {
      bedside_loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("the guideline schema is not available"));
      return;
    }
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, on_schema_error, &errors);
  result = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  if (result != 0 && errors.count == 0)
    bedside_loader_error (loader, 0, BEDSIDE_GUIDELINE_ERROR_SCHEMA, _("does not match the schema"));
}
