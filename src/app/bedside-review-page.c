/* bedside-review-page.c: every answer of the consultation, by section, before the plan. */
#include "config.h"

#include <glib/gi18n.h>

#include "bedside-review-page-private.h"

struct _BedsideReviewPage
{
  AdwBin               parent_instance;

  BedsideSession      *session;
  guint64              shown_serial;  /* the session's serial when listed */
  GPtrArray           *groups;   /* AdwPreferencesGroup added to the page */
  GHashTable          *rows;     /* item id → AdwActionRow (owned by the page) */

  AdwPreferencesPage  *preferences_page;
  GtkWidget           *show_plan_button;
};

G_DEFINE_FINAL_TYPE (BedsideReviewPage, bedside_review_page, ADW_TYPE_BIN)

enum {
  EDIT_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An answer as the clinician gave it: "Yes", "Mild", "40 years". */
static char *
format_answer (const BedsideItem  *item,
               const BedsideValue *value)
{
  switch (item->type)
    {
    case BEDSIDE_TYPE_BOOLEAN:
      return g_strdup (value->boolean ? _("Yes") : _("No"));
    case BEDSIDE_TYPE_CHOICE:
      if (value->code >= 0 && (guint) value->code < item->n_options)
        return g_strdup (item->options[value->code].label);
      return g_strdup ("");
    case BEDSIDE_TYPE_INTEGER:
    case BEDSIDE_TYPE_DECIMAL:
      {
        g_autofree char *number = bedside_value_to_string (value, NULL);
        if (item->unit != NULL)
          return g_strdup_printf ("%s %s", number, item->unit);
        return g_steal_pointer (&number);
      }
    case BEDSIDE_TYPE_TEXT:
    case BEDSIDE_TYPE_DATE:
    case BEDSIDE_TYPE_INVALID:
    default:
      return bedside_value_to_string (value, NULL);
    }
}

static void
on_row_activated (AdwActionRow      *row,
                  BedsideReviewPage *self)
{
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bedside-item"));

  g_signal_emit (self, signals[EDIT_ITEM], 0, item);
}

static void
clear (BedsideReviewPage *self)
{
  if (self->groups != NULL)
    for (guint i = 0; i < self->groups->len; i++)
      adw_preferences_page_remove (self->preferences_page, self->groups->pdata[i]);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
}

/* Every answered, enabled item of the session, as it is now. */
static void
rebuild (BedsideReviewPage *self)
{
  BedsideSession *session = self->session;
  BedsideGuideline *guideline;

  clear (self);
  if (session == NULL)
    return;

  self->shown_serial = bedside_session_get_serial (session);
  self->groups = g_ptr_array_new ();
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  guideline = bedside_session_get_guideline (session);

  for (guint s = 0; s < bedside_guideline_get_n_sections (guideline); s++)
    {
      const BedsideSection *section = bedside_guideline_get_section (guideline, s);
      GtkWidget *group = NULL;

      for (guint i = section->first_item; i < section->first_item + section->n_items; i++)
        {
          const BedsideItem *item = bedside_guideline_get_item (guideline, i);
          const BedsideValue *value = bedside_session_get_answer (session, i);
          g_autofree char *answer = NULL;
          g_autofree char *title = NULL;
          g_autofree char *subtitle = NULL;
          GtkWidget *row;

          if (!bedside_session_is_enabled (session, i) || value == NULL ||
              value->state != BEDSIDE_VALUE_KNOWN)
            continue;

          if (group == NULL)
            {
              g_autofree char *group_title = g_markup_escape_text (section->title, -1);

              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), group_title);
              adw_preferences_page_add (self->preferences_page, ADW_PREFERENCES_GROUP (group));
              g_ptr_array_add (self->groups, group);
            }

          answer = format_answer (item, value);
          title = g_markup_escape_text (item->label, -1);
          subtitle = g_markup_escape_text (answer, -1);
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Change this answer"));
          g_object_set_data (G_OBJECT (row), "bedside-item", GUINT_TO_POINTER (i));
          g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_hash_table_insert (self->rows, item->id, row);
        }
    }
}

/* The answers change on the consultation page while this one is hidden:
 * it lists them as they are each time it is shown. */
static void
bedside_review_page_map (GtkWidget *widget)
{
  BedsideReviewPage *self = BEDSIDE_REVIEW_PAGE (widget);

  if (self->session != NULL && bedside_session_get_serial (self->session) != self->shown_serial)
    rebuild (self);
  GTK_WIDGET_CLASS (bedside_review_page_parent_class)->map (widget);
}

static void
bedside_review_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BedsideReviewPage *self = BEDSIDE_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_boxed (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_review_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BedsideReviewPage *self = BEDSIDE_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      bedside_review_page_set_session (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bedside_review_page_dispose (GObject *object)
{
  BedsideReviewPage *self = BEDSIDE_REVIEW_PAGE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->session, bedside_session_unref);

  G_OBJECT_CLASS (bedside_review_page_parent_class)->dispose (object);
}

static void
bedside_review_page_class_init (BedsideReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bedside_review_page_dispose;
  object_class->get_property = bedside_review_page_get_property;
  object_class->set_property = bedside_review_page_set_property;
  widget_class->map = bedside_review_page_map;

  /**
   * BedsideReviewPage:session:
   *
   * The consultation whose answers the page lists (a #BedsideSession), or
   * %NULL for an empty page.
   */
  properties[PROP_SESSION] =
    g_param_spec_boxed ("session", NULL, NULL, BEDSIDE_TYPE_SESSION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EDIT_ITEM] =
    g_signal_new ("edit-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/bedside/Bedside/bedside-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BedsideReviewPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, BedsideReviewPage, show_plan_button);
}

static void
bedside_review_page_init (BedsideReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bedside_review_page_set_session (BedsideReviewPage *self,
                                 BedsideSession    *session)
{
  g_return_if_fail (BEDSIDE_IS_REVIEW_PAGE (self));

  if (self->session == session)
    return;
  if (session != NULL)
    bedside_session_ref (session);
  g_clear_pointer (&self->session, bedside_session_unref);
  self->session = session;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

BedsideSession *
bedside_review_page_get_session (BedsideReviewPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_REVIEW_PAGE (self), NULL);
  return self->session;
}

GtkWidget *
bedside_review_page_get_row (BedsideReviewPage *self,
                             const char        *item_id)
{
  return self->rows != NULL ? g_hash_table_lookup (self->rows, item_id) : NULL;
}

GtkWidget *
bedside_review_page_get_show_plan_button (BedsideReviewPage *self)
{
  g_return_val_if_fail (BEDSIDE_IS_REVIEW_PAGE (self), NULL);
  return self->show_plan_button;
}
