/* mesh-cdb-progress.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-cdb-progress.h"

/*
 * MeshCdbProgress reports how far a CDB read, write, import or export has
 * come, for a progress bar: bind to "fraction" (0.0–1.0) and "text" (what
 * is being done, a translated phrase). An import or export goes through
 * steps (reading the file, saving the keys, saving the network…): each
 * new text starts a step, whose fraction goes from 0 to 1.
 *
 * The work runs in a worker thread, which calls mesh_cdb_progress_update()
 * as often as it likes; the object keeps the latest values and notifies its
 * properties in the main context it was created in, at most once per
 * iteration of that context. Reading the properties from that context is
 * therefore safe and never sees values go backwards.
 */

struct _MeshCdbProgress
{
  GObject       parent_instance;

  GMainContext *context;
  GMutex        mutex;

  /* Seen by the owner context. */
  double        fraction;
  char         *text;

  /* Written by any thread under the mutex, applied by the owner context. */
  double        pending_fraction;
  char         *pending_text;
  gboolean      dispatch_scheduled;
};

G_DEFINE_FINAL_TYPE (MeshCdbProgress, mesh_cdb_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply (MeshCdbProgress *self,
       double           fraction,
       char            *text)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (text != NULL && g_strcmp0 (text, self->text) != 0)
    {
      g_free (self->text);
      self->text = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
  g_free (text);

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
dispatch_cb (gpointer user_data)
{
  MeshCdbProgress *self = user_data;
  double fraction;
  char *text;

  g_mutex_lock (&self->mutex);
  fraction = self->pending_fraction;
  text = g_steal_pointer (&self->pending_text);
  self->dispatch_scheduled = FALSE;
  g_mutex_unlock (&self->mutex);

  apply (self, fraction, text);
  return G_SOURCE_REMOVE;
}

MeshCdbProgress *
mesh_cdb_progress_new (void)
{
  return g_object_new (MESH_TYPE_CDB_PROGRESS, NULL);
}

double
mesh_cdb_progress_get_fraction (MeshCdbProgress *self)
{
  g_return_val_if_fail (MESH_IS_CDB_PROGRESS (self), 0.0);

  return self->fraction;
}

const char *
mesh_cdb_progress_get_text (MeshCdbProgress *self)
{
  g_return_val_if_fail (MESH_IS_CDB_PROGRESS (self), NULL);

  return self->text;
}

/**
 * mesh_cdb_progress_update:
 * @self: a progress
 * @fraction: how much of the work is done, 0.0–1.0
 * @text: (nullable): what is being done now, or %NULL to keep the text
 *
 * May be called from any thread.
 */
void
mesh_cdb_progress_update (MeshCdbProgress *self,
                          double           fraction,
                          const char      *text)
{
  gboolean schedule;

  g_return_if_fail (MESH_IS_CDB_PROGRESS (self));

  fraction = CLAMP (fraction, 0.0, 1.0);

  if (g_main_context_is_owner (self->context))
    {
      apply (self, fraction, g_strdup (text));
      return;
    }

  g_mutex_lock (&self->mutex);
  self->pending_fraction = fraction;
  if (text != NULL)
    {
      g_free (self->pending_text);
      self->pending_text = g_strdup (text);
    }
  schedule = !self->dispatch_scheduled;
  self->dispatch_scheduled = TRUE;
  g_mutex_unlock (&self->mutex);

  if (schedule)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT,
                                dispatch_cb, g_object_ref (self), g_object_unref);
}

static void
mesh_cdb_progress_finalize (GObject *object)
{
  MeshCdbProgress *self = MESH_CDB_PROGRESS (object);

  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_free (self->text);
  g_free (self->pending_text);

  G_OBJECT_CLASS (mesh_cdb_progress_parent_class)->finalize (object);
}

static void
mesh_cdb_progress_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MeshCdbProgress *self = MESH_CDB_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mesh_cdb_progress_class_init (MeshCdbProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mesh_cdb_progress_finalize;
  object_class->get_property = mesh_cdb_progress_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mesh_cdb_progress_init (MeshCdbProgress *self)
{
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->mutex);
}
