/* lab-device-join.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The device as a mesh node: it joins (answering the provisioner through
 * its agent), attaches with its token once provisioned, and finds its
 * bluetooth-meshd on the bus to begin with. */

#include "config.h"

#include "lab-device-private.h"

#include "lab-app.h"

#include <string.h>

static void attach (Device *device);
static void join (Device *device);
static gboolean join_again_cb (gpointer user_data);

static gboolean
attach_idle_cb (gpointer user_data)
{
  attach (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
join_again_cb (gpointer user_data)
{
  join (user_data);
  return G_SOURCE_REMOVE;
}

static void
application_method_cb (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  Device *device = user_data;

  if (g_str_equal (method, "JoinComplete"))
    {
      g_variant_get (parameters, "(t)", &device->token);
      device->has_token = TRUE;
      device->joining = FALSE;
      save_state (device);
      g_dbus_method_invocation_return_value (invocation, NULL);
      /* meshd keeps the new node only once this call has returned. */
      g_idle_add (attach_idle_cb, device);
      state_changed (device);
      return;
    }

  if (g_str_equal (method, "JoinFailed"))
    {
      g_clear_pointer (&device->last_failure, g_free);
      g_variant_get (parameters, "(s)", &device->last_failure);
      g_message ("Provisioning failed: %s", device->last_failure);
      device->joining = FALSE;
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
      /* Like a product: wait to be provisioned again. */
      g_timeout_add (JOIN_RETRY_MS, join_again_cb, device);
      return;
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
application_get_property_cb (GDBusConnection  *connection,
                             const char       *sender,
                             const char       *path,
                             const char       *interface,
                             const char       *property,
                             GError          **error,
                             gpointer          user_data)
{
  Device *device = user_data;

  if (g_str_equal (property, "CompanyID"))
    return g_variant_new_uint16 (device->cid);
  if (g_str_equal (property, "ProductID"))
    return g_variant_new_uint16 (device->pid);
  if (g_str_equal (property, "VersionID"))
    return g_variant_new_uint16 (device->vid);
  if (g_str_equal (property, "CRPL"))
    return g_variant_new_uint16 (100);

  return NULL;
}

const GDBusInterfaceVTable application_vtable = {
  .method_call = application_method_cb,
  .get_property = application_get_property_cb,
};

static void
agent_method_cb (GDBusConnection       *connection,
                 const char            *sender,
                 const char            *path,
                 const char            *interface,
                 const char            *method,
                 GVariant              *parameters,
                 GDBusMethodInvocation *invocation,
                 gpointer               user_data)
{
  Device *device = user_data;

  if (g_str_equal (method, "PromptStatic") && device->oob == OOB_STATIC)
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(@ay)", lab_bytes_variant (device->static_key, 16)));
      return;
    }

  if (g_str_equal (method, "DisplayNumeric"))
    {
      const char *type;

      g_variant_get (parameters, "(&su)", &type, &device->displayed);
      device->displayed_set = TRUE;
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
      return;
    }

  if (g_str_equal (method, "DisplayString"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }

  if (g_str_equal (method, "PromptNumeric") && device->oob == OOB_INPUT_NUMERIC)
    {
      /* Answered when the lab passes the number in (ProvideInput). */
      if (device->pending_input)
        g_dbus_method_invocation_return_dbus_error (g_steal_pointer (&device->pending_input),
                                                    "org.bluez.mesh.Error.Canceled",
                                                    "Canceled");
      device->pending_input = invocation;
      state_changed (device);
      return;
    }

  if (g_str_equal (method, "Cancel"))
    {
      if (device->pending_input)
        g_dbus_method_invocation_return_dbus_error (g_steal_pointer (&device->pending_input),
                                                    "org.bluez.mesh.Error.Canceled",
                                                    "Canceled");
      device->displayed_set = FALSE;
      g_dbus_method_invocation_return_value (invocation, NULL);
      state_changed (device);
      return;
    }

  g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.mesh.Error.NotSupported",
                                              "This device does not support that");
}

static GVariant *
agent_get_property_cb (GDBusConnection  *connection,
                       const char       *sender,
                       const char       *path,
                       const char       *interface,
                       const char       *property,
                       GError          **error,
                       gpointer          user_data)
{
  Device *device = user_data;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));

  if (g_str_equal (property, "Capabilities"))
    {
      if (device->oob == OOB_STATIC)
        g_variant_builder_add (&builder, "s", "static-oob");
      else if (device->oob == OOB_OUTPUT_NUMERIC)
        g_variant_builder_add (&builder, "s", "out-numeric");
      else if (device->oob == OOB_INPUT_NUMERIC)
        g_variant_builder_add (&builder, "s", "in-numeric");
      return g_variant_builder_end (&builder);
    }

  if (g_str_equal (property, "OutOfBandInfo"))
    {
      /* The static value is printed on the box, as products do. */
      if (device->oob == OOB_STATIC)
        g_variant_builder_add (&builder, "s", "on-box");
      return g_variant_builder_end (&builder);
    }

  g_variant_builder_clear (&builder);
  return NULL;
}

const GDBusInterfaceVTable agent_vtable = {
  .method_call = agent_method_cb,
  .get_property = agent_get_property_cb,
};

static void
read_node_address_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Device *device = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  const guint16 *addresses;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    {
      g_message ("Cannot read the node's addresses: %s", error->message);
      return;
    }

  g_variant_get (reply, "(v)", &value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE ("aq")))
    {
      addresses = g_variant_get_fixed_array (value, &n, sizeof (guint16));
      if (n > 0)
        device->unicast = addresses[0];
    }
  state_changed (device);
}

static void
apply_attach_config (Device   *device,
                     GVariant *config)
{
  GVariantIter elements;
  guint8 index;
  GVariantIter *models;

  memset (device->onoff_publication, 0, sizeof device->onoff_publication);
  device->level_publication = device->vendor_publication = FALSE;

  g_variant_iter_init (&elements, config);
  while (g_variant_iter_next (&elements, "(ya(qa{sv}))", &index, &models))
    {
      guint16 model;
      GVariant *model_config;

      while (g_variant_iter_next (models, "(q@a{sv})", &model, &model_config))
        {
          if (index < N_ELEMENTS)
            update_model_config (device, index, model, model_config, TRUE);
          g_variant_unref (model_config);
        }
      g_variant_iter_free (models);
    }
}

static void
attach_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Device *device = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) config = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    {
      g_autofree char *remote = g_dbus_error_get_remote_error (error);

      g_message ("Attach failed: %s", error->message);
      if (g_strcmp0 (remote, "org.bluez.mesh.Error.NotFound") == 0)
        {
          /* The node is gone (reset): back to being unprovisioned. */
          device->has_token = FALSE;
          save_state (device);
          join (device);
        }
      return;
    }

  g_clear_pointer (&device->node_path, g_free);
  g_variant_get (reply, "(o@a(ya(qa{sv})))", &device->node_path, &config);
  apply_attach_config (device, config);
  device->attached = TRUE;
  state_changed (device);

  g_dbus_connection_call (device->bus, device->daemon, device->node_path,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", LAB_MESH_NODE_IFACE, "Addresses"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS,
                          NULL, read_node_address_cb, device);
}

static void
attach (Device *device)
{
  g_dbus_connection_call (device->bus, device->daemon, LAB_MESH_PATH,
                          LAB_MESH_NETWORK_IFACE, "Attach",
                          g_variant_new ("(ot)", APP_ROOT, device->token),
                          G_VARIANT_TYPE ("(oa(ya(qa{sv})))"), G_DBUS_CALL_FLAGS_NONE,
                          CALL_TIMEOUT_MS, NULL, attach_cb, device);
}

static void
join_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Device *device = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    {
      /* After a failed provisioning meshd keeps the link for 5 seconds
       * and refuses a new Join meanwhile ("Failed to start provisioning
       * acceptor"): try again a little later. */
      g_message ("Join failed, trying again: %s", error->message);
      g_timeout_add (JOIN_RETRY_MS, join_again_cb, device);
      return;
    }

  /* Counted once meshd accepted it: each one is a wait to be provisioned. */
  device->join_attempts++;
  device->joining = TRUE;
  state_changed (device);
}

static void
join (Device *device)
{
  g_dbus_connection_call (device->bus, device->daemon, LAB_MESH_PATH,
                          LAB_MESH_NETWORK_IFACE, "Join",
                          g_variant_new ("(o@ay)", APP_ROOT, lab_bytes_variant (device->uuid, 16)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL,
                          join_cb, device);
}

/* The unique name of the bluetooth-meshd with the given PID. */
char *
find_daemon (Device  *device,
             GError **error)
{
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) names = NULL;
      g_autoptr(GVariantIter) iter = NULL;
      const char *name;
      gboolean never = FALSE;

      names = lab_call (device->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                        "org.freedesktop.DBus", "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                        CALL_TIMEOUT_MS, error);
      if (!names)
        return NULL;

      g_variant_get (names, "(as)", &iter);
      while (g_variant_iter_next (iter, "&s", &name))
        {
          g_autoptr(GVariant) pid = NULL;
          guint32 value;

          if (name[0] != ':' || g_hash_table_contains (checked, name))
            continue;
          g_hash_table_add (checked, g_strdup (name));

          pid = lab_call (device->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                          g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                          CALL_TIMEOUT_MS, NULL);
          if (!pid)
            continue;
          g_variant_get (pid, "(u)", &value);
          if (value == device->daemon_pid)
            return g_strdup (name);
        }

      lab_wait_for (&never, 10);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "bluetooth-meshd (PID %u) did not come onto the bus", device->daemon_pid);
  return NULL;
}

/* Join or Attach once meshd has its Network1 object up. */
gboolean
start_network (Device  *device,
               GError **error)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autofree char *remote = NULL;
      gboolean never = FALSE;

      if (device->has_token)
        reply = lab_call (device->bus, device->daemon, LAB_MESH_PATH, LAB_MESH_NETWORK_IFACE,
                          "Attach", g_variant_new ("(ot)", APP_ROOT, device->token),
                          G_VARIANT_TYPE ("(oa(ya(qa{sv})))"), CALL_TIMEOUT_MS, &local_error);
      else
        {
          reply = lab_call (device->bus, device->daemon, LAB_MESH_PATH, LAB_MESH_NETWORK_IFACE,
                            "Join", g_variant_new ("(o@ay)", APP_ROOT,
                                                   lab_bytes_variant (device->uuid, 16)),
                            NULL, CALL_TIMEOUT_MS, &local_error);
        }

      if (reply)
        {
          if (device->has_token)
            {
              g_autoptr(GVariant) config = NULL;

              g_variant_get (reply, "(o@a(ya(qa{sv})))", &device->node_path, &config);
              apply_attach_config (device, config);
              device->attached = TRUE;
              g_dbus_connection_call (device->bus, device->daemon, device->node_path,
                                      "org.freedesktop.DBus.Properties", "Get",
                                      g_variant_new ("(ss)", LAB_MESH_NODE_IFACE, "Addresses"),
                                      G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                      CALL_TIMEOUT_MS, NULL, read_node_address_cb, device);
            }
          else
            {
              device->join_attempts++;
              device->joining = TRUE;
            }
          return TRUE;
        }

      remote = g_dbus_error_get_remote_error (local_error);
      if (device->has_token && g_strcmp0 (remote, "org.bluez.mesh.Error.NotFound") == 0)
        {
          g_message ("The node of token %016" G_GINT64_MODIFIER "x is gone: joining again",
                     device->token);
          device->has_token = FALSE;
          save_state (device);
          continue;
        }

      /* Before meshd's objects exist the call finds nothing to run; other
       * errors are worth a log line, and another try. */
      if (g_get_monotonic_time () >= deadline
          || g_strcmp0 (remote, "org.bluez.mesh.Error.InvalidArgs") == 0
          || g_strcmp0 (remote, "org.bluez.mesh.Error.AlreadyExists") == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!(g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
            || g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
            || g_error_matches (local_error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE)))
        g_message ("%s failed, trying again: %s", device->has_token ? "Attach" : "Join",
                   local_error->message);

      lab_wait_for (&never, 10);
    }
}

