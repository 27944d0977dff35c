/* bedside-library-page.c: the guidelines found on this computer, to start a consultation. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-library.h"
#include "bedside-library-page-private.h"
#include "bedside-render.h"

/* One guideline of the engine's library (what its metadata says, then
 * the guideline itself once loaded, or the reason it could not be), and
 * its row. */
typedef struct
{
  BedsideLibraryEntry  *item;       /* owned by the library */
  GtkWidget            *row;
  gboolean              shown_verified;
} LibraryEntry;

struct _BedsideLibraryPage
{
  AdwBin          parent_instance;

  BedsideLibrary *library;
  GPtrArray      *entries;   /* LibraryEntry, in list order */
  gboolean        only_verified;
  guint           next_to_check;
  guint           check_source;
  gulong          after_paint_handler;
  GdkFrameClock  *frame_clock;

  GtkStack       *stack;
  GtkListBox     *list_box;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (BedsideLibraryPage, bedside_library_page, ADW_TYPE_BIN)

enum {
  GUIDELINE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_ONLY_VERIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
library_entry_free (LibraryEntry *entry)
{
  g_free (entry);
}

/* A small coloured label after a guideline's title; @style is one of
 * libadwaita's "success", "warning", "error". */
static GtkWidget *
make_tag (const char *text,
          const char *style,
          const char *tooltip)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "status-tag");
  gtk_widget_add_css_class (tag, "caption-heading");
  gtk_widget_add_css_class (tag, style);
  gtk_widget_set_tooltip_text (tag, tooltip);
  return tag;
}

static GtkWidget *
make_status_tag (BedsideReviewStatus status)
{
  const char *style = status == BEDSIDE_STATUS_APPROVED ? "success"
                    : status == BEDSIDE_STATUS_RETIRED ? "error"
                    : "warning";

  return make_tag (bedside_render_status_title (status), style, NULL);
}

static GtkWidget *
make_row (LibraryEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *basename = g_path_get_basename (entry->item->path);

  if (entry->item->error == NULL)
    {
      BedsideGuidelineInfo *info = entry->item->info;
      g_autofree char *title = g_markup_escape_text (info->title, -1);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;

      if (info->review_date != NULL)
        /* TRANSLATORS: a guideline's version and the date of its last review */
        subtitle = g_strdup_printf (_("Version %s · reviewed %s"), info->version, info->review_date);
      else
        subtitle = g_strdup_printf (_("Version %s · not reviewed"), info->version);
      escaped = g_markup_escape_text (subtitle, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      if (entry->item->verified)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     make_tag (_("Verified"), "success",
                                               _("The clinic's checksum list names this exact file")));
          gtk_widget_add_css_class (row, "verified-guideline");
        }
      if (bedside_review_is_overdue (info->next_review, NULL))
        {
          /* TRANSLATORS: %s is the date (YYYY-MM-DD) the guideline was due for review */
          g_autofree char *tooltip = g_strdup_printf (_("Its review was due on %s"), info->next_review);

          /* TRANSLATORS: a tag on a guideline whose next review date has passed */
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_tag (_("Review overdue"), "warning", tooltip));
          gtk_widget_add_css_class (row, "review-overdue-guideline");
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_status_tag (info->status));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    {
      g_autofree char *title = g_markup_escape_text (entry->item->info ? entry->item->info->title : basename, -1);
      g_autofree char *subtitle = g_markup_escape_text (entry->item->error, -1);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_add_css_class (row, "broken-guideline");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_tooltip_text (row, entry->item->error);
    }
  return row;
}

/* Rebuilds an entry's row in place, keeping the focus where it was. */
static void
replace_row (BedsideLibraryPage *self,
             LibraryEntry       *entry)
{
  gint position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (entry->row));
  gboolean had_focus = gtk_widget_has_focus (entry->row);
  GtkWidget *row;

  gtk_list_box_remove (self->list_box, entry->row);
  row = make_row (entry);
  entry->shown_verified = entry->item->verified;
  gtk_list_box_insert (self->list_box, row, position);
  entry->row = row;
  if (had_focus)
    gtk_widget_grab_focus (row);
}

/* Loads the whole guideline if that has not happened yet; a failure
 * turns its row into the error, as if the peek had found it. */
/* Loads the whole guideline if that has not happened yet (the engine's
 * library decides integrity and only-verified); a failure turns its row
 * into the error, as if the peek had found it. */
static gboolean
ensure_loaded (BedsideLibraryPage *self,
               LibraryEntry       *entry)
{
  gboolean had_error = entry->item->error != NULL;
  BedsideGuideline *guideline = bedside_library_load_entry (self->library, entry->item, NULL);

  if (guideline == NULL)
    {
      if (!had_error)
        replace_row (self, entry);
      return FALSE;
    }
  if (entry->item->verified != entry->shown_verified)
    replace_row (self, entry);
  return TRUE;
}

static void
on_row_activated (GtkListBox         *list_box,
                  GtkListBoxRow      *row,
                  BedsideLibraryPage *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      LibraryEntry *entry = self->entries->pdata[i];

      if (entry->row == GTK_WIDGET (row))
        {
          /* Only now, if the check after start-up has not reached it. */
          if (ensure_loaded (self, entry))
            g_signal_emit (self, signals[GUIDELINE_ACTIVATED], 0, entry->item->guideline);
          return;
        }
    }
}

/* After the first frame, the guidelines are loaded in full one at a time
 * while the app is idle, so broken ones show their error before anyone
 * picks them and opening one is instant. */
static gboolean
check_next (gpointer user_data)
{
  BedsideLibraryPage *self = user_data;

  while (self->next_to_check < self->entries->len)
    {
      LibraryEntry *entry = self->entries->pdata[self->next_to_check++];

      if (entry->item->guideline == NULL && entry->item->error == NULL)
        {
          ensure_loaded (self, entry);
          return G_SOURCE_CONTINUE;
        }
    }
  self->check_source = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_paint (BedsideLibraryPage *self)
{
  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
      g_clear_object (&self->frame_clock);
    }
}

static void
on_after_paint (GdkFrameClock      *clock,
                BedsideLibraryPage *self)
{
  stop_waiting_for_paint (self);
  if (self->check_source == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_next, self, NULL);
}

static void
schedule_check (BedsideLibraryPage *self)
{
  GdkFrameClock *clock;

  g_clear_handle_id (&self->check_source, g_source_remove);
  self->next_to_check = 0;
  if (self->after_paint_handler != 0)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;  /* map () schedules it */
  self->frame_clock = g_object_ref (clock);
  self->after_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bedside_library_page_map (GtkWidget *widget)
{
  BedsideLibraryPage *self = BEDSIDE_LIBRARY_PAGE (widget);

  GTK_WIDGET_CLASS (bedside_library_page_parent_class)->map (widget);
  if (self->check_source == 0 && self->next_to_check < self->entries->len)
    schedule_check (self);
}

static void
bedside_library_page_unmap (GtkWidget *widget)
{
  BedsideLibraryPage *self = BEDSIDE_LIBRARY_PAGE (widget);

  stop_waiting_for_paint (self);
  GTK_WIDGET_CLASS (bedside_library_page_parent_class)->unmap (widget);
}

static void
bedside_library_page_dispose (GObject *object)
{
  BedsideLibraryPage *self = BEDSIDE_LIBRARY_PAGE (object);

  stop_waiting_for_paint (self);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->library, bedside_library_unref);

  G_OBJECT_CLASS (bedside_library_page_parent_class)->dispose (object);
}

static void
bedside_library_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BedsideLibraryPage *self = BEDSIDE_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ONLY_VERIFIED:
      g_value_set_boolean (value, self->only_verified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_library_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BedsideLibraryPage *self = BEDSIDE_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ONLY_VERIFIED:
      bedside_library_page_set_only_verified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_library_page_class_init (BedsideLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bedside_library_page_dispose;
  object_class->get_property = bedside_library_page_get_property;
  object_class->set_property = bedside_library_page_set_property;

  /**
   * BedsideLibraryPage:only-verified:
   *
   * Whether only the guidelines the clinic's SHA256SUMS names with their
   * checksum may be opened; the others are listed as refused.
   */
  properties[PROP_ONLY_VERIFIED] =
    g_param_spec_boolean ("only-verified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = bedside_library_page_map;
  widget_class->unmap = bedside_library_page_unmap;

  /**
   * BedsideLibraryPage::guideline-activated:
   * @self: the library page
   * @guideline: (transfer none): the guideline the user starts, loaded in full
   *
   * The user picked a guideline that can be opened.
   */
  signals[GUIDELINE_ACTIVATED] =
    g_signal_new ("guideline-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BEDSIDE_TYPE_GUIDELINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/bedside/Bedside/bedside-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BedsideLibraryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BedsideLibraryPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, BedsideLibraryPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
bedside_library_page_init (BedsideLibraryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bedside_library_page_reload (self);
}

void
bedside_library_page_set_only_verified (BedsideLibraryPage *self,
                                        gboolean            only_verified)
{
  g_return_if_fail (BEDSIDE_IS_LIBRARY_PAGE (self));

  only_verified = !!only_verified;
  if (self->only_verified == only_verified)
    return;
  self->only_verified = only_verified;
  /* Guidelines already loaded were judged by the old rule. */
  bedside_library_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLY_VERIFIED]);
}

gboolean
bedside_library_page_get_only_verified (BedsideLibraryPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_LIBRARY_PAGE (self), FALSE);
  return self->only_verified;
}

void
bedside_library_page_reload (BedsideLibraryPage *self)
{
  GtkWidget *child;

  g_return_if_fail (BEDSIDE_IS_LIBRARY_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) library_entry_free);
  g_clear_pointer (&self->library, bedside_library_unref);

  /* Only the metadata before the first frame: a library of many large
   * guidelines still opens at once. */
  self->library = bedside_library_new (self->only_verified);
  for (guint i = 0; i < bedside_library_get_n_entries (self->library); i++)
    {
      LibraryEntry *entry = g_new0 (LibraryEntry, 1);

      entry->item = bedside_library_get_entry (self->library, i);
      entry->row = make_row (entry);
      entry->shown_verified = entry->item->verified;
      g_ptr_array_add (self->entries, entry);
      gtk_list_box_append (self->list_box, entry->row);
    }
  schedule_check (self);

  if (self->entries->len == 0)
    {
      g_auto(GStrv) dirs = bedside_guideline_dup_search_dirs ();
      g_autofree char *list = g_strjoinv ("\n", dirs);
      g_autofree char *description =
        g_strdup_printf (_("Put guideline files (*.xml) in one of these folders:\n%s"), list);

      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

BedsideGuideline *
bedside_library_page_get_first (BedsideLibraryPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_LIBRARY_PAGE (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    if (ensure_loaded (self, self->entries->pdata[i]))
      return ((LibraryEntry *) self->entries->pdata[i])->item->guideline;
  return NULL;
}

BedsideGuideline *
bedside_library_page_load_guideline (BedsideLibraryPage  *self,
                                     const char          *id,
                                     GError             **error)
{
  g_return_val_if_fail (BEDSIDE_IS_LIBRARY_PAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* The list runs from the most specific folder: the first one wins. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      LibraryEntry *entry = self->entries->pdata[i];

      if (entry->item->info == NULL || !g_str_equal (entry->item->info->id, id))
        continue;
      if (ensure_loaded (self, entry))
        return entry->item->guideline;
      g_set_error_literal (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_IO, entry->item->error);
      return NULL;
    }
  g_set_error (error, BEDSIDE_GUIDELINE_ERROR, BEDSIDE_GUIDELINE_ERROR_NOT_FOUND,
               "no installed guideline has the id '%s'", id);
  return NULL;
}

void
bedside_library_page_focus_default (BedsideLibraryPage *self)
{
  g_return_if_fail (BEDSIDE_IS_LIBRARY_PAGE (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      LibraryEntry *entry = self->entries->pdata[i];
      if (entry->item->error == NULL)
        {
          gtk_widget_grab_focus (entry->row);
          return;
        }
    }
}

GtkListBox *
bedside_library_page_get_list_box (BedsideLibraryPage *self)
{
  return self->list_box;
}

guint
bedside_library_page_get_n_loaded (BedsideLibraryPage *self)
{
  guint n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    if (((LibraryEntry *) self->entries->pdata[i])->item->guideline != NULL)
      n++;
  return n;
}

gboolean
bedside_library_page_is_checking (BedsideLibraryPage *self)
{
  return self->check_source != 0 || self->after_paint_handler != 0;
}
