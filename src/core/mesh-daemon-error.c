/* mesh-daemon-error.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mesh-daemon-private.h"
#include "mesh-error.h"

/* bluetooth-meshd 5.66 answers with org.bluez.mesh.Error.* (mesh/dbus.c):
 * Failed, NotAuthorized, NotFound, InvalidArgs, InProgress, Busy,
 * AlreadyExists, DoesNotExist, Canceled, NotImplemented. The bus adds its
 * own (ServiceUnknown, AccessDenied, NoReply...). Each becomes a MESH_ERROR
 * with a sentence that fits the call it came from. */

#define MESH_ERROR_PREFIX "org.bluez.mesh.Error."

static const char *
describe_op (MeshDaemonOp op)
{
  switch (op)
    {
    case MESH_DAEMON_OP_CONNECT: return _("connect to bluetooth-meshd");
    case MESH_DAEMON_OP_CREATE_NETWORK: return _("create the network");
    case MESH_DAEMON_OP_IMPORT_NODE: return _("import the network");
    case MESH_DAEMON_OP_ATTACH: return _("attach to the network");
    case MESH_DAEMON_OP_LEAVE: return _("remove the network");
    case MESH_DAEMON_OP_SEND: return _("send the message");
    case MESH_DAEMON_OP_DEV_KEY_SEND: return _("send the configuration message");
    case MESH_DAEMON_OP_ADD_NODE: return _("start provisioning");
    case MESH_DAEMON_OP_SCAN: return _("scan for devices");
    case MESH_DAEMON_OP_EXPORT_KEYS: return _("read the network keys");
    case MESH_DAEMON_OP_IMPORT_SUBNET: return _("add the network key");
    case MESH_DAEMON_OP_DELETE_SUBNET: return _("delete the network key");
    case MESH_DAEMON_OP_IMPORT_APP_KEY: return _("add the application key");
    case MESH_DAEMON_OP_DELETE_APP_KEY: return _("delete the application key");
    case MESH_DAEMON_OP_IMPORT_REMOTE_NODE: return _("add the node’s device key");
    case MESH_DAEMON_OP_DELETE_REMOTE_NODE: return _("remove the node’s device key");
    default: return _("do this");
    }
}

static gboolean
is_call_setting_up_node (MeshDaemonOp op)
{
  return op == MESH_DAEMON_OP_CREATE_NETWORK
         || op == MESH_DAEMON_OP_IMPORT_NODE
         || op == MESH_DAEMON_OP_ATTACH;
}

static GError *
from_mesh_error (const char   *name,
                 const char   *detail,
                 MeshDaemonOp  op,
                 gboolean      app_was_read)
{
  const char *what = describe_op (op);

  if (g_str_equal (name, "Failed"))
    {
      /* meshd answers a failed GetManagedObjects with a bare "Operation
       * failed". When it never reached us, the bus stopped it: Debian's
       * bluetooth-mesh.conf lets meshd own its name but not call
       * applications (BlueZ's bluetooth.conf does). */
      if (is_call_setting_up_node (op) && !app_was_read)
        return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_REFUSED,
                            _("bluetooth-meshd could not read this application’s objects, so it "
                              "could not %s. The system’s D-Bus policy probably does not let "
                              "bluetooth-meshd call applications: install BlueZ’s D-Bus policy "
                              "(bluetooth.conf, which allows org.bluez.mesh to call "
                              "ObjectManager and Properties on applications) or ask your "
                              "administrator, then restart bluetooth-meshd."), what);
      if (is_call_setting_up_node (op))
        return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_FAILED,
                            _("bluetooth-meshd read this application but could not %s (it "
                              "said: %s). If the node was made by another program or version, "
                              "its elements do not match."), what, detail);
      return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_FAILED,
                          _("bluetooth-meshd could not %s (it said: %s)."), what, detail);
    }

  if (g_str_equal (name, "NotAuthorized"))
    return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_REFUSED,
                        _("bluetooth-meshd did not allow this application to %s. Only the "
                          "application attached to the node as a provisioner, with its "
                          "provisioning agent, may do that."), what);

  if (g_str_equal (name, "NotFound") || g_str_equal (name, "DoesNotExist"))
    {
      switch (op)
        {
        case MESH_DAEMON_OP_ATTACH:
        case MESH_DAEMON_OP_LEAVE:
          return g_error_new_literal (MESH_ERROR, MESH_ERROR_NOT_FOUND,
                                      _("bluetooth-meshd does not know this network’s node: its "
                                        "storage may have been reset or this is another "
                                        "computer. Import the network again to use it here."));
        case MESH_DAEMON_OP_DEV_KEY_SEND:
          return g_error_new_literal (MESH_ERROR, MESH_ERROR_NOT_FOUND,
                                      _("bluetooth-meshd has no device key for this node, so it "
                                        "cannot configure it."));
        case MESH_DAEMON_OP_DELETE_SUBNET:
        case MESH_DAEMON_OP_IMPORT_APP_KEY:
        case MESH_DAEMON_OP_DELETE_APP_KEY:
          return g_error_new (MESH_ERROR, MESH_ERROR_NOT_FOUND,
                              _("bluetooth-meshd could not %s: it does not have the key "
                                "(it said: %s)."), what, detail);
        default:
          return g_error_new (MESH_ERROR, MESH_ERROR_NOT_FOUND,
                              _("bluetooth-meshd could not %s: something it needs is missing "
                                "(it said: %s)."), what, detail);
        }
    }

  if (g_str_equal (name, "InvalidArgs"))
    {
      /* Send answers InvalidArgs "Key not found" for an AppKey meshd lacks. */
      if (op == MESH_DAEMON_OP_SEND)
        return g_error_new (MESH_ERROR, MESH_ERROR_NOT_FOUND,
                            _("bluetooth-meshd could not send the message: it does not have "
                              "that application key (it said: %s)."), detail);
      return g_error_new (MESH_ERROR, MESH_ERROR_INVALID_ARGUMENT,
                          _("bluetooth-meshd could not %s: it rejected the values given "
                            "(it said: %s)."), what, detail);
    }

  if (g_str_equal (name, "InProgress"))
    return g_error_new (MESH_ERROR, MESH_ERROR_BUSY,
                        _("bluetooth-meshd could not %s while a key refresh is in progress. "
                          "Finish the key refresh first."), what);

  if (g_str_equal (name, "Busy"))
    return g_error_new (MESH_ERROR, MESH_ERROR_BUSY,
                        _("bluetooth-meshd is busy and could not %s. Another application may "
                          "be scanning or provisioning; try again in a moment."), what);

  if (g_str_equal (name, "AlreadyExists"))
    {
      if (op == MESH_DAEMON_OP_ATTACH)
        return g_error_new_literal (MESH_ERROR, MESH_ERROR_EXISTS,
                                    _("Another program is already attached to this network’s "
                                      "node in bluetooth-meshd. Close it, then try again."));
      return g_error_new (MESH_ERROR, MESH_ERROR_EXISTS,
                          _("bluetooth-meshd could not %s: it already has it."), what);
    }

  if (g_str_equal (name, "Canceled"))
    return g_error_new (MESH_ERROR, MESH_ERROR_FAILED,
                        _("bluetooth-meshd cancelled the request to %s."), what);

  if (g_str_equal (name, "NotImplemented") || g_str_equal (name, "NotSupported"))
    return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_TOO_OLD,
                        _("This version of bluetooth-meshd cannot %s."), what);

  return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_FAILED,
                      _("bluetooth-meshd could not %s (%s: %s)."), what, name, detail);
}

static GError *
from_bus_error (const char   *name,
                const char   *detail,
                MeshDaemonOp  op)
{
  const char *what = describe_op (op);

  if (g_str_equal (name, "org.freedesktop.DBus.Error.ServiceUnknown")
      || g_str_equal (name, "org.freedesktop.DBus.Error.NameHasNoOwner")
      || g_str_equal (name, "org.freedesktop.DBus.Error.Disconnected"))
    return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_UNAVAILABLE,
                        _("bluetooth-meshd is not running, so Mesh Provisioner could not %s. "
                          "Start the bluetooth-mesh service (it cannot run at the same time "
                          "as the bluetooth service on the same adapter)."), what);

  if (g_str_equal (name, "org.freedesktop.DBus.Error.AccessDenied"))
    return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_REFUSED,
                        _("The system’s D-Bus policy does not let this application talk to "
                          "bluetooth-meshd, so it could not %s. Install BlueZ’s D-Bus policy "
                          "for org.bluez.mesh or ask your administrator."), what);

  if (g_str_equal (name, "org.freedesktop.DBus.Error.NoReply")
      || g_str_equal (name, "org.freedesktop.DBus.Error.Timeout")
      || g_str_equal (name, "org.freedesktop.DBus.Error.TimedOut"))
    return g_error_new (MESH_ERROR, MESH_ERROR_TIMED_OUT,
                        _("bluetooth-meshd did not answer in time, so Mesh Provisioner could "
                          "not %s. It may be stuck; restarting it can help."), what);

  if (g_str_equal (name, "org.freedesktop.DBus.Error.UnknownMethod")
      || g_str_equal (name, "org.freedesktop.DBus.Error.UnknownObject")
      || g_str_equal (name, "org.freedesktop.DBus.Error.UnknownInterface"))
    return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_TOO_OLD,
                        _("This version of bluetooth-meshd cannot %s (%s). Mesh Provisioner "
                          "needs BlueZ 5.66 or later."), what, detail);

  return g_error_new (MESH_ERROR, MESH_ERROR_DAEMON_FAILED,
                      _("Mesh Provisioner could not %s: %s"), what, detail);
}

GError *
mesh_daemon_error_from_dbus (const GError *error,
                             MeshDaemonOp  op,
                             gboolean      app_was_read)
{
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) copy = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == MESH_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return from_bus_error ("org.freedesktop.DBus.Error.Disconnected", error->message, op);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return from_bus_error ("org.freedesktop.DBus.Error.NoReply", error->message, op);

  name = g_dbus_error_get_remote_error (error);
  copy = g_error_copy (error);
  g_dbus_error_strip_remote_error (copy);
  detail = g_strdup (copy->message);

  if (name == NULL)
    {
      if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
        return from_bus_error ("org.freedesktop.DBus.Error.ServiceUnknown", detail, op);
      if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED))
        return from_bus_error ("org.freedesktop.DBus.Error.AccessDenied", detail, op);
      if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY))
        return from_bus_error ("org.freedesktop.DBus.Error.NoReply", detail, op);
      return from_bus_error ("", detail, op);
    }

  if (g_str_has_prefix (name, MESH_ERROR_PREFIX))
    return from_mesh_error (name + strlen (MESH_ERROR_PREFIX), detail, op, app_was_read);

  return from_bus_error (name, detail, op);
}

gboolean
mesh_daemon_error_is_refusal (const GError *error)
{
  return g_error_matches (error, MESH_ERROR, MESH_ERROR_DAEMON_REFUSED);
}

char *
mesh_daemon_describe_add_node_failure (const char *reason,
                                       gboolean    authenticated)
{
  g_return_val_if_fail (reason != NULL, NULL);

  /* meshd 5.66 (mesh_prov_status_str) folds Invalid PDU, Invalid Format and
   * Unexpected PDU into "bad-pdu", and reports its own link timeouts with
   * it too. After an OOB value went in, the device refusing the confirmation
   * shows up as exactly that. */
  if (g_str_equal (reason, "bad-pdu") || g_str_equal (reason, "confirmation-failed"))
    {
      if (authenticated)
        return g_strdup (_("The device refused the authentication value. Check the static "
                           "OOB key (or the number or text you entered) and try again."));
      if (g_str_equal (reason, "confirmation-failed"))
        return g_strdup (_("The device and the provisioner did not agree on the "
                           "authentication. Try again."));
      return g_strdup (_("The device stopped answering during provisioning. Make sure it is "
                         "powered, close by and still waiting to be provisioned, then try "
                         "again."));
    }
  if (g_str_equal (reason, "timeout"))
    return g_strdup (_("The device did not answer in time. Bring it closer or make sure it "
                       "is waiting to be provisioned, then try again."));
  if (g_str_equal (reason, "out-of-resources"))
    return g_strdup (_("The device ran out of resources while being provisioned. Reset it "
                       "and try again."));
  if (g_str_equal (reason, "decryption-error"))
    return g_strdup (_("The provisioning data could not be decrypted by the device. Try "
                       "again."));
  if (g_str_equal (reason, "cannot-assign-addresses"))
    return g_strdup (_("bluetooth-meshd could not assign addresses to the device (it has no "
                       "room to store its key, or the addresses are taken)."));
  if (g_str_equal (reason, "aborted"))
    return g_strdup (_("Provisioning was aborted."));
  if (g_str_equal (reason, "unexpected-error"))
    return g_strdup (_("Provisioning failed with an unexpected error (or an OOB prompt was "
                       "cancelled). Try again."));

  return g_strdup_printf (_("Provisioning failed (%s). Try again."), reason);
}
