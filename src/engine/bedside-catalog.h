/* bedside-catalog.h: Bedside's own message catalog (.mo) for one language, read without the C locale. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BEDSIDE_CATALOG_ERROR (bedside_catalog_error_quark ())

typedef enum {
  BEDSIDE_CATALOG_ERROR_NOT_FOUND,   /* no catalog for that language */
  BEDSIDE_CATALOG_ERROR_INVALID,     /* not a .mo file, or a damaged one */
} BedsideCatalogError;

GQuark bedside_catalog_error_quark (void);

/* Where the catalogs are: $BEDSIDE_LOCALEDIR when set (the build tree's po/
 * for tests and `meson devenv`), else the configured localedir. */
const char *bedside_get_locale_dir (void);

/* A language code Bedside accepts: "es", "es_MX", "pt-BR", "sr@latin",
 * "es_ES.UTF-8".  Nothing that could name another folder. */
gboolean    bedside_language_is_valid (const char *language);

/* The names to try for @language, most specific first, with '-' read as
 * '_': "es-MX" gives "es_MX", "es".  @language must be valid. */
GStrv       bedside_language_dup_variants (const char *language);

/* TRUE when @a and @b share their primary subtag: "es" and "es_MX". */
gboolean    bedside_language_matches (const char *a,
                                      const char *b);

typedef struct _BedsideCatalog BedsideCatalog;

/* Reads a GNU .mo file. */
BedsideCatalog *bedside_catalog_new_from_file    (const char  *path,
                                                  GError     **error);
/* The catalog of @domain for @language (its variants in order) under
 * bedside_get_locale_dir(). */
BedsideCatalog *bedside_catalog_new_for_language (const char  *domain,
                                                  const char  *language,
                                                  GError     **error);
void            bedside_catalog_free             (BedsideCatalog *self);

/* The path it was read from. */
const char     *bedside_catalog_get_path         (const BedsideCatalog *self);
/* The translation of @msgid, or NULL when the catalog has none (fuzzy and
 * untranslated messages are not in a .mo). */
const char     *bedside_catalog_lookup           (const BedsideCatalog *self,
                                                  const char           *msgid);
/* The same for a message with a context (C_() / pgettext). */
const char     *bedside_catalog_lookup_context   (const BedsideCatalog *self,
                                                  const char           *context,
                                                  const char           *msgid);
/* @msgid translated, or @msgid itself: never NULL for a non-NULL @msgid.
 * @self may be NULL (no catalog: English). */
const char     *bedside_catalog_gettext          (const BedsideCatalog *self,
                                                  const char           *msgid) G_GNUC_FORMAT (2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BedsideCatalog, bedside_catalog_free)

G_END_DECLS
