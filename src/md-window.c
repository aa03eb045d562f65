/* md-window.c — the main window: "Diagnose" and "Analyze a bounce"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-bounce-view.h"
#include "md-window.h"
#include "md-wizard.h"

/* Below this width, Next is an arrow. */
#define NARROW_WIDTH 420

struct _MdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  /* Cancelled when the window closes: everything it started stops. */
  GCancellable         *cancellable;

  AdwViewStack         *view_stack;
  GtkWidget            *back_button;
  GtkWidget            *next_button;
  MdWizard             *wizard;
  MdBounceView         *bounce_view;
};

G_DEFINE_FINAL_TYPE (MdWindow, md_window, ADW_TYPE_APPLICATION_WINDOW)

MdWindow *
md_window_new (MdApplication *application)
{
  return g_object_new (MD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
md_window_set_view (MdWindow   *self,
                    const char *name)
{
  g_return_if_fail (MD_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
md_window_get_view (MdWindow *self)
{
  g_return_val_if_fail (MD_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

static void
md_window_show_view_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  md_window_set_view (MD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Ctrl+O opens a bounce from either view. */
static void
md_window_open_bounce_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);

  md_window_set_view (self, "bounce");
  gtk_widget_activate_action (GTK_WIDGET (self->bounce_view), "bounce.open", NULL);
}

/* Back and Next belong to the wizard: shown on its view only. */
static void
update_wizard_navigation (MdWindow *self)
{
  gboolean diagnose;
  int width, height;

  /* The view stack says so once already while the template is built. */
  if (self->wizard == NULL || self->back_button == NULL)
    return;

  diagnose = g_strcmp0 (md_window_get_view (self), "diagnose") == 0;

  /* On a phone, the words would push the header bar past 360 px. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && width < NARROW_WIDTH)
    gtk_button_set_icon_name (GTK_BUTTON (self->next_button), "go-next-symbolic");
  else if (gtk_button_get_label (GTK_BUTTON (self->next_button)) == NULL)
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Next"));
      gtk_button_set_use_underline (GTK_BUTTON (self->next_button), TRUE);
    }

  gtk_widget_set_visible (self->back_button, diagnose && md_wizard_get_can_go_back (self->wizard));
  gtk_widget_set_visible (self->next_button, diagnose && md_wizard_get_has_next (self->wizard));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.wizard-back",
                                 diagnose && md_wizard_get_can_go_back (self->wizard));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.wizard-next",
                                 diagnose && md_wizard_get_can_go_next (self->wizard));
}

static void
md_window_wizard_back_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  md_wizard_go_back (MD_WINDOW (widget)->wizard);
}

static void
md_window_wizard_next_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  md_wizard_go_next (MD_WINDOW (widget)->wizard);
}

static gboolean
md_window_close_request (GtkWindow *window)
{
  MdWindow *self = MD_WINDOW (window);
  int width, height;

  g_cancellable_cancel (self->cancellable);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (md_window_parent_class)->close_request (window);
}

static void
md_window_dispose (GObject *object)
{
  MdWindow *self = MD_WINDOW (object);

  /* Ctrl+Q destroys the window without a close request. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (md_window_parent_class)->dispose (object);
}

static void
md_window_class_init (MdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = md_window_dispose;
  window_class->close_request = md_window_close_request;

  g_type_ensure (MD_TYPE_WIZARD);
  g_type_ensure (MD_TYPE_BOUNCE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/md-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, next_button);
  gtk_widget_class_bind_template_callback (widget_class, update_wizard_navigation);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, wizard);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, bounce_view);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", md_window_show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "diagnose");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "bounce");
  gtk_widget_class_install_action (widget_class, "win.open-bounce", NULL, md_window_open_bounce_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-bounce", NULL);
  gtk_widget_class_install_action (widget_class, "win.wizard-back", NULL, md_window_wizard_back_action);
  gtk_widget_class_install_action (widget_class, "win.wizard-next", NULL, md_window_wizard_next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.wizard-back", NULL);
  /* Enter reaches the window only when the focused widget does not use it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "win.wizard-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "win.wizard-next", NULL);
}

static void
md_window_init (MdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  md_wizard_set_cancellable (self->wizard, self->cancellable);
  g_signal_connect_object (self->wizard, "notify::can-go-back", G_CALLBACK (update_wizard_navigation),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->wizard, "notify::can-go-next", G_CALLBACK (update_wizard_navigation),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->wizard, "notify::has-next", G_CALLBACK (update_wizard_navigation),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_wizard_navigation), NULL);
  update_wizard_navigation (self);

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
