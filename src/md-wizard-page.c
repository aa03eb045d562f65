/* md-wizard-page.c — one step of the "Diagnose" assistant
 *
 * The pattern of GNOME Initial Setup: a page says when it is complete, and
 * Next runs its apply, which may take time (the page is "applying" then) and
 * may refuse to move on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-wizard.h"
#include "md-wizard-page.h"

typedef struct
{
  MdWizard                  *wizard;
  char                      *title;
  GCancellable              *apply_cancellable;
  MdWizardPageApplyCallback  apply_callback;
  gpointer                   apply_data;
  guint                      complete : 1;
  guint                      applying : 1;
} MdWizardPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MdWizardPage, md_wizard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_APPLYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MdWizard *
md_wizard_page_get_wizard (MdWizardPage *self)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_val_if_fail (MD_IS_WIZARD_PAGE (self), NULL);

  return priv->wizard;
}

/* The wizard owns its pages: a weak pointer back, or neither would be
 * freed. A page can outlive the wizard, while it saves a report. */
void
md_wizard_page_set_wizard (MdWizardPage *self,
                           MdWizard     *wizard)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_if_fail (MD_IS_WIZARD_PAGE (self));
  g_return_if_fail (wizard == NULL || MD_IS_WIZARD (wizard));

  if (priv->wizard != NULL)
    g_signal_handlers_disconnect_by_func (priv->wizard, md_wizard_page_update, self);
  g_set_weak_pointer (&priv->wizard, wizard);
  if (wizard != NULL)
    {
      g_signal_connect_object (wizard, "changed", G_CALLBACK (md_wizard_page_update),
                               self, G_CONNECT_SWAPPED);
      md_wizard_page_update (self);
    }
}

const char *
md_wizard_page_get_title (MdWizardPage *self)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_val_if_fail (MD_IS_WIZARD_PAGE (self), NULL);

  return priv->title;
}

void
md_wizard_page_set_title (MdWizardPage *self,
                          const char   *title)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_if_fail (MD_IS_WIZARD_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
md_wizard_page_get_complete (MdWizardPage *self)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_val_if_fail (MD_IS_WIZARD_PAGE (self), FALSE);

  return priv->complete;
}

void
md_wizard_page_set_complete (MdWizardPage *self,
                             gboolean      complete)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_if_fail (MD_IS_WIZARD_PAGE (self));

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

gboolean
md_wizard_page_get_applying (MdWizardPage *self)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_val_if_fail (MD_IS_WIZARD_PAGE (self), FALSE);

  return priv->applying;
}

static void
md_wizard_page_set_applying (MdWizardPage *self,
                             gboolean      applying)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  if (priv->applying == !!applying)
    return;

  priv->applying = !!applying;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLYING]);
}

/* Runs the page's apply; @callback is called once, when it is done (at once
 * for a page that has nothing to apply). */
void
md_wizard_page_apply_begin (MdWizardPage              *self,
                            MdWizardPageApplyCallback  callback,
                            gpointer                   user_data)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);
  MdWizardPageClass *klass;

  g_return_if_fail (MD_IS_WIZARD_PAGE (self));
  g_return_if_fail (!priv->applying);

  klass = MD_WIZARD_PAGE_GET_CLASS (self);

  priv->apply_callback = callback;
  priv->apply_data = user_data;
  g_clear_object (&priv->apply_cancellable);
  priv->apply_cancellable = g_cancellable_new ();
  md_wizard_page_set_applying (self, TRUE);

  if (klass->apply == NULL || !klass->apply (self, priv->apply_cancellable))
    md_wizard_page_apply_complete (self, TRUE);
}

void
md_wizard_page_apply_cancel (MdWizardPage *self)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_return_if_fail (MD_IS_WIZARD_PAGE (self));

  if (priv->apply_cancellable != NULL)
    g_cancellable_cancel (priv->apply_cancellable);
}

void
md_wizard_page_apply_complete (MdWizardPage *self,
                               gboolean      valid)
{
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);
  MdWizardPageApplyCallback callback;
  gpointer user_data;

  g_return_if_fail (MD_IS_WIZARD_PAGE (self));
  g_return_if_fail (priv->applying);

  callback = priv->apply_callback;
  user_data = priv->apply_data;
  priv->apply_callback = NULL;
  priv->apply_data = NULL;
  g_clear_object (&priv->apply_cancellable);
  md_wizard_page_set_applying (self, FALSE);

  if (callback != NULL)
    callback (self, valid, user_data);
}

void
md_wizard_page_shown (MdWizardPage *self)
{
  g_return_if_fail (MD_IS_WIZARD_PAGE (self));

  if (MD_WIZARD_PAGE_GET_CLASS (self)->shown != NULL)
    MD_WIZARD_PAGE_GET_CLASS (self)->shown (self);
}

void
md_wizard_page_update (MdWizardPage *self)
{
  g_return_if_fail (MD_IS_WIZARD_PAGE (self));

  if (MD_WIZARD_PAGE_GET_CLASS (self)->update != NULL && md_wizard_page_get_wizard (self) != NULL)
    MD_WIZARD_PAGE_GET_CLASS (self)->update (self);
}

static void
md_wizard_page_dispose (GObject *object)
{
  MdWizardPage *self = MD_WIZARD_PAGE (object);
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  if (priv->apply_cancellable != NULL)
    g_cancellable_cancel (priv->apply_cancellable);
  g_clear_object (&priv->apply_cancellable);
  priv->apply_callback = NULL;
  md_wizard_page_set_wizard (self, NULL);

  G_OBJECT_CLASS (md_wizard_page_parent_class)->dispose (object);
}

static void
md_wizard_page_finalize (GObject *object)
{
  MdWizardPage *self = MD_WIZARD_PAGE (object);
  MdWizardPagePrivate *priv = md_wizard_page_get_instance_private (self);

  g_free (priv->title);

  G_OBJECT_CLASS (md_wizard_page_parent_class)->finalize (object);
}

static void
md_wizard_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MdWizardPage *self = MD_WIZARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, md_wizard_page_get_title (self));
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, md_wizard_page_get_complete (self));
      break;

    case PROP_APPLYING:
      g_value_set_boolean (value, md_wizard_page_get_applying (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_wizard_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MdWizardPage *self = MD_WIZARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      md_wizard_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_COMPLETE:
      md_wizard_page_set_complete (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_wizard_page_class_init (MdWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = md_wizard_page_dispose;
  object_class->finalize = md_wizard_page_finalize;
  object_class->get_property = md_wizard_page_get_property;
  object_class->set_property = md_wizard_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPLYING] =
    g_param_spec_boolean ("applying", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
md_wizard_page_init (MdWizardPage *self)
{
}
