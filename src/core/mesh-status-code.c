/* mesh-status-code.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mesh-status-code.h"

typedef struct
{
  const char *name;
  const char *message;
} StatusCodeInfo;

static const StatusCodeInfo status_codes[] = {
  [MESH_STATUS_SUCCESS] = {
    "Success",
    N_("The node carried out the request.") },
  [MESH_STATUS_INVALID_ADDRESS] = {
    "Invalid Address",
    N_("The node has no element at this address. Read its composition data again to see which elements it has.") },
  [MESH_STATUS_INVALID_MODEL] = {
    "Invalid Model",
    N_("The node has no such model.") },
  [MESH_STATUS_INVALID_APPKEY_INDEX] = {
    "Invalid AppKey Index",
    N_("The node does not know this application key. Add the key to the node first.") },
  [MESH_STATUS_INVALID_NETKEY_INDEX] = {
    "Invalid NetKey Index",
    N_("The node does not know this network key. Add the key to the node first.") },
  [MESH_STATUS_INSUFFICIENT_RESOURCES] = {
    "Insufficient Resources",
    N_("The node has no room left for this. Remove a key, binding or subscription it no longer needs, then try again.") },
  [MESH_STATUS_KEY_INDEX_ALREADY_STORED] = {
    "Key Index Already Stored",
    N_("The node already stores a different key under this index. Update the key instead, or use another index.") },
  [MESH_STATUS_INVALID_PUBLISH_PARAMETERS] = {
    "Invalid Publish Parameters",
    N_("The node does not accept these publication settings.") },
  [MESH_STATUS_NOT_A_SUBSCRIBE_MODEL] = {
    "Not a Subscribe Model",
    N_("This model cannot subscribe to addresses.") },
  [MESH_STATUS_STORAGE_FAILURE] = {
    "Storage Failure",
    N_("The node could not save the change in its memory. Try again; if it keeps failing, the node may be faulty.") },
  [MESH_STATUS_FEATURE_NOT_SUPPORTED] = {
    "Feature Not Supported",
    N_("The node does not support this feature.") },
  [MESH_STATUS_CANNOT_UPDATE] = {
    "Cannot Update",
    N_("The node cannot update this key now, for example because the key refresh procedure is in another phase.") },
  [MESH_STATUS_CANNOT_REMOVE] = {
    "Cannot Remove",
    N_("The node cannot remove this key, for example because it is the last network key it has.") },
  [MESH_STATUS_CANNOT_BIND] = {
    "Cannot Bind",
    N_("The node cannot bind this application key to the model.") },
  [MESH_STATUS_TEMPORARILY_UNABLE_TO_CHANGE_STATE] = {
    "Temporarily Unable to Change State",
    N_("The node cannot change this setting right now. Try again in a moment.") },
  [MESH_STATUS_CANNOT_SET] = {
    "Cannot Set",
    N_("The node cannot change this setting.") },
  [MESH_STATUS_UNSPECIFIED_ERROR] = {
    "Unspecified Error",
    N_("The node reported an error without saying what went wrong.") },
  [MESH_STATUS_INVALID_BINDING] = {
    "Invalid Binding",
    N_("On the node, this application key is bound to a different network key.") },
};

/**
 * mesh_status_code_get_name:
 * @code: a status code
 *
 * Returns: (nullable): the specification's name of @code ("Invalid
 *   Model"), for logs, or %NULL for RFU codes
 */
const char *
mesh_status_code_get_name (guint8 code)
{
  return code < G_N_ELEMENTS (status_codes) ? status_codes[code].name : NULL;
}

/**
 * mesh_status_code_get_message:
 * @code: a status code
 *
 * Returns: (nullable): a translated sentence saying what @code means for
 *   the user and, where it helps, what to do; %NULL for RFU codes
 */
const char *
mesh_status_code_get_message (guint8 code)
{
  return code < G_N_ELEMENTS (status_codes) ? _(status_codes[code].message) : NULL;
}

/**
 * mesh_status_code_describe:
 * @code: a status code
 *
 * Returns: (transfer full): the sentence of mesh_status_code_get_message(),
 *   or one naming the unknown code
 */
char *
mesh_status_code_describe (guint8 code)
{
  const char *message = mesh_status_code_get_message (code);

  if (message != NULL)
    return g_strdup (message);

  return g_strdup_printf (_("The node answered with the unknown status code 0x%02X."), code);
}
