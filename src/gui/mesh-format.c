/* mesh-format.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-format.h"
#include "mesh-names.h"

#define SIG_MODEL_GENERIC_ONOFF_SERVER 0x1000

char *
mesh_format_address (guint16 address)
{
  return g_strdup_printf ("0x%04X", address);
}

char *
mesh_format_address_range (MeshNode *node)
{
  guint16 first = mesh_node_get_unicast (node);
  guint count = mesh_node_get_element_count (node);

  if (count <= 1)
    return mesh_format_address (first);

  /* Translators: a range of unicast addresses, first – last */
  return g_strdup_printf (_("0x%04X – 0x%04X"), first, (guint) (first + count - 1));
}

char *
mesh_format_node_name (MeshNode *node)
{
  const char *name = mesh_node_get_name (node);

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  /* Translators: the name of a node that has none, with its address */
  return g_strdup_printf (_("Node 0x%04X"), mesh_node_get_unicast (node));
}

char *
mesh_format_company (int company_id)
{
  const char *name;

  if (company_id < 0)
    return g_strdup (_("Unknown"));

  name = mesh_company_get_name (company_id);
  if (name != NULL)
    return g_strdup (name);

  /* Translators: a company without a known name, by its Bluetooth SIG number */
  return g_strdup_printf (_("Company 0x%04X"), (guint) company_id);
}

char *
mesh_format_node_product (MeshNode *node)
{
  g_autofree char *company = NULL;
  int cid = mesh_node_get_cid (node);
  int pid = mesh_node_get_pid (node);

  if (cid < 0)
    return g_strdup (_("Composition not read yet"));

  company = mesh_format_company (cid);
  if (pid < 0)
    return g_steal_pointer (&company);

  /* Translators: company name · product ID */
  return g_strdup_printf (_("%s · Product 0x%04X"), company, (guint) pid);
}

const char *
mesh_format_config_state (MeshNode *node)
{
  if (mesh_node_get_excluded (node))
    return _("Excluded");
  if (mesh_node_get_config_complete (node))
    return _("Configured");
  return _("Not configured");
}

const char *
mesh_format_feature_state (MeshFeatureState state)
{
  switch (state)
    {
    case MESH_FEATURE_STATE_DISABLED:
      return _("Off");
    case MESH_FEATURE_STATE_ENABLED:
      return _("On");
    case MESH_FEATURE_STATE_NOT_SUPPORTED:
      return _("Not supported");
    case MESH_FEATURE_STATE_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
mesh_format_security (MeshSecurity security)
{
  return security == MESH_SECURITY_SECURE ? _("Secure") : _("Insecure");
}

/* GATT Namespace Descriptors (Bluetooth SIG Assigned Numbers): 0x0001–0x00FF
 * number the parts ("first", "second"...), 0x0100–0x0110 name them. */
char *
mesh_format_location (guint16 location)
{
  static const char *named[] = {
    N_("Front"), N_("Back"), N_("Top"), N_("Bottom"), N_("Upper"), N_("Lower"),
    N_("Main"), N_("Backup"), N_("Auxiliary"), N_("Supplementary"), N_("Flash"),
    N_("Inside"), N_("Outside"), N_("Left"), N_("Right"), N_("Internal"),
    N_("External"),
  };

  if (location == 0x0000)
    return NULL;

  if (location <= 0x00FF)
    /* Translators: an element location that numbers the parts of a device */
    return g_strdup_printf (_("Part %u"), location);

  if ((guint) (location - 0x0100) < G_N_ELEMENTS (named))
    return g_strdup (_(named[location - 0x0100]));

  /* Translators: an element location without a name */
  return g_strdup_printf (_("Location 0x%04X"), location);
}

char *
mesh_format_element_title (MeshElement *element)
{
  const char *name = mesh_element_get_name (element);
  guint index = mesh_element_get_index (element);

  if (name != NULL && name[0] != '\0')
    /* Translators: element name (Element index) */
    return g_strdup_printf (_("%s (Element %u)"), name, index);

  return g_strdup_printf (_("Element %u"), index);
}

char *
mesh_format_element_subtitle (MeshElement *element)
{
  g_autofree char *location = mesh_format_location (mesh_element_get_location (element));
  guint n_models = g_list_model_get_n_items (mesh_element_get_models (element));
  g_autofree char *models = NULL;

  models = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u model", "%u models", n_models),
                            n_models);

  if (location == NULL)
    return g_strdup_printf ("0x%04X · %s", mesh_element_get_address (element), models);

  return g_strdup_printf ("0x%04X · %s · %s", mesh_element_get_address (element), location, models);
}

char *
mesh_format_model_name (MeshModel *model)
{
  const char *name;

  if (mesh_model_get_vendor (model))
    {
      g_autofree char *company = mesh_format_company (mesh_model_get_company_id (model));

      /* Translators: a model defined by a company, not by the Bluetooth SIG */
      return g_strdup_printf (_("Vendor Model of %s"), company);
    }

  name = mesh_sig_model_get_name (mesh_model_get_model_id (model));
  if (name != NULL)
    return g_strdup (name);

  return g_strdup_printf (_("SIG Model 0x%04X"), mesh_model_get_model_id (model));
}

char *
mesh_format_model_id (MeshModel *model)
{
  guint32 id = mesh_model_get_model_id (model);

  if (mesh_model_get_vendor (model))
    return g_strdup_printf ("0x%04X · 0x%04X", id >> 16, id & 0xFFFF);

  return g_strdup_printf ("0x%04X", id);
}

static const char *
non_empty (const char *name)
{
  return name != NULL && name[0] != '\0' ? name : NULL;
}

/* A key's name, or its kind and index when it has none. */
static char *
format_key (const char *name,
            const char *kind,
            guint16     index)
{
  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  /* Translators: a key without a name: "AppKey 3", "NetKey 0" */
  return g_strdup_printf (C_("key", "%s %u"), kind, index);
}

char *
mesh_format_app_key (MeshNetwork *network,
                     guint16      index)
{
  MeshAppKey *key = network != NULL ? mesh_network_find_app_key (network, index) : NULL;

  return format_key (key != NULL ? mesh_app_key_get_name (key) : NULL, _("AppKey"), index);
}

char *
mesh_format_net_key (MeshNetwork *network,
                     guint16      index)
{
  MeshNetKey *key = network != NULL ? mesh_network_find_net_key (network, index) : NULL;

  return format_key (key != NULL ? mesh_net_key_get_name (key) : NULL, _("NetKey"), index);
}

char *
mesh_format_node_net_keys (MeshNode *node)
{
  MeshNetwork *network = mesh_node_get_network (node);
  const MeshNodeKey *keys;
  GString *text;
  guint n_keys;

  keys = mesh_node_get_net_keys (node, &n_keys);
  if (n_keys == 0)
    return g_strdup (_("None"));

  text = g_string_new (NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *name = mesh_format_net_key (network, keys[i].index);

      /* TRANSLATORS: between the names of a node's network keys */
      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, name);
    }

  return g_string_free (text, FALSE);
}

char *
mesh_format_destination (MeshNetwork           *network,
                         const MeshDestination *destination)
{
  guint16 address = destination->address;
  MeshGroup *group;
  MeshNode *node;

  switch (address)
    {
    case 0x0000:
      return g_strdup (_("Unassigned address"));
    case 0xFFFC:
      return g_strdup (_("All proxies (0xFFFC)"));
    case 0xFFFD:
      return g_strdup (_("All friends (0xFFFD)"));
    case 0xFFFE:
      return g_strdup (_("All relays (0xFFFE)"));
    case 0xFFFF:
      return g_strdup (_("All nodes (0xFFFF)"));
    default:
      break;
    }

  group = network != NULL ? mesh_network_find_group (network, destination) : NULL;
  if (group != NULL && non_empty (mesh_group_get_name (group)) != NULL)
    /* Translators: group name (address) */
    return g_strdup_printf (_("%s (0x%04X)"), mesh_group_get_name (group), address);

  node = (network != NULL && address < 0x8000) ? mesh_network_find_node_by_address (network, address) : NULL;
  if (node != NULL)
    {
      g_autofree char *name = mesh_format_node_name (node);

      return g_strdup_printf (_("%s (0x%04X)"), name, address);
    }

  if (destination->has_label)
    return g_strdup_printf (_("Virtual address 0x%04X"), address);

  return mesh_format_address (address);
}

char *
mesh_format_ttl (guint ttl)
{
  if (ttl == 0xFF)
    return g_strdup (_("Default TTL"));

  return g_strdup_printf (_("TTL %u"), ttl);
}

static const guint period_step_ms[] = { 100, 1000, 10000, 600000 };

guint
mesh_period_to_ms (guint8 steps,
                   guint8 resolution)
{
  return (steps & 0x3F) * period_step_ms[resolution & 0x3];
}

void
mesh_parse_period_ms (guint   ms,
                      guint8 *steps,
                      guint8 *resolution)
{
  /* The finest resolution that says @ms exactly... */
  for (guint i = 0; i < G_N_ELEMENTS (period_step_ms); i++)
    {
      if (ms % period_step_ms[i] == 0 && ms / period_step_ms[i] <= 63)
        {
          *steps = ms / period_step_ms[i];
          *resolution = i;
          return;
        }
    }

  /* ...or the finest that reaches it, rounded to its nearest step. */
  for (guint i = 0; i < G_N_ELEMENTS (period_step_ms); i++)
    {
      guint rounded = (ms + period_step_ms[i] / 2) / period_step_ms[i];

      if (rounded <= 63)
        {
          *steps = rounded;
          *resolution = i;
          return;
        }
    }

  *steps = 63;
  *resolution = 3;
}

char *
mesh_format_period (guint8 steps,
                    guint8 resolution)
{
  guint64 ms = mesh_period_to_ms (steps, resolution);

  if (ms == 0)
    return g_strdup (_("Only on change"));

  if (ms < 1000)
    return g_strdup_printf (_("Every %u ms"), (guint) ms);

  if (ms < 60000)
    {
      if (ms % 1000 == 0)
        return g_strdup_printf (_("Every %u s"), (guint) (ms / 1000));
      return g_strdup_printf (_("Every %.1f s"), ms / 1000.0);
    }

  if (ms % 60000 == 0)
    return g_strdup_printf (_("Every %u min"), (guint) (ms / 60000));

  return g_strdup_printf (_("Every %u min %u s"), (guint) (ms / 60000), (guint) (ms % 60000) / 1000);
}

char *
mesh_format_retransmit (guint8 count,
                        guint8 interval_steps)
{
  if (count == 0)
    return g_strdup (_("No retransmissions"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u retransmission, %u ms apart",
                                       "%u retransmissions, %u ms apart",
                                       count),
                          count, (interval_steps + 1) * 50);
}

char *
mesh_format_publication (MeshNetwork           *network,
                         const MeshPublication *publication)
{
  g_autofree char *key = mesh_format_app_key (network, publication->app_key_index);
  g_autofree char *ttl = mesh_format_ttl (publication->ttl);
  g_autofree char *period = mesh_format_period (publication->period_steps,
                                                publication->period_resolution);
  g_autofree char *retransmit = mesh_format_retransmit (publication->retransmit_count,
                                                        publication->retransmit_interval_steps);

  /* Translators: AppKey name · TTL · period · retransmissions */
  return g_strdup_printf (_("With %s · %s · %s · %s"), key, ttl, period, retransmit);
}

gboolean
mesh_parse_destination (MeshNetwork     *network,
                        const char      *text,
                        MeshDestination *destination)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *hex = stripped;
  guint64 value;
  char *end = NULL;

  if (stripped[0] == '\0')
    return FALSE;

  if (network != NULL)
    {
      GListModel *groups = mesh_network_get_groups (network);
      g_autofree char *folded = g_utf8_casefold (stripped, -1);

      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr(MeshGroup) group = g_list_model_get_item (groups, i);
          const char *name = mesh_group_get_name (group);
          g_autofree char *group_folded = name != NULL ? g_utf8_casefold (name, -1) : NULL;

          if (group_folded != NULL && g_strcmp0 (group_folded, folded) == 0)
            {
              *destination = *mesh_group_get_address (group);
              return TRUE;
            }
        }
    }

  if (g_str_has_prefix (hex, "0x") || g_str_has_prefix (hex, "0X"))
    hex += 2;
  if (hex[0] == '\0' || strlen (hex) > 4 || !g_ascii_isxdigit (hex[0]))
    return FALSE;

  value = g_ascii_strtoull (hex, &end, 16);
  if (end == NULL || *end != '\0' || value > 0xFFFF)
    return FALSE;

  mesh_destination_init_address (destination, value);
  return TRUE;
}

gboolean
mesh_gui_model_is_configurable (MeshModel *model)
{
  return mesh_model_get_vendor (model) || mesh_model_get_model_id (model) > 0x0001;
}

MeshElement *
mesh_gui_node_find_onoff_server (MeshNode *node)
{
  GListModel *elements = mesh_node_get_elements (node);
  guint n = g_list_model_get_n_items (elements);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MeshElement) element = g_list_model_get_item (elements, i);

      if (mesh_element_find_model (element, SIG_MODEL_GENERIC_ONOFF_SERVER, FALSE) != NULL)
        return element;
    }

  return NULL;
}
