/* test-cdb-reader.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mesh-cdb-reader.h"
#include "mesh-cdb-writer.h"
#include "mesh-error.h"
#include "test-cdb-util.h"

/* Reading JSON → document: valid files give the expected values and write
 * back exactly; each class of malformed input is refused with its own
 * sentence. */

static void
assert_round_trip (const char *name,
                   const char *expected_name)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data (name);
  g_autofree char *expected = cdb_test_data_contents (expected_name);
  g_autofree char *written = cdb_test_write_string (document);

  g_assert_cmpstr (written, ==, expected);
}

static void
test_round_trip_full (void)
{
  assert_round_trip ("full.json", "full.json");
  assert_round_trip ("minimal.json", "minimal.json");
}

/* A file as other tools write it: dashless lower-case UUIDs, lower-case
 * hex, any member order, unknown members, null for an absent member, no
 * scenes or exclusion lists, version 1.0.0. */
static void
test_round_trip_foreign (void)
{
  assert_round_trip ("foreign.json", "foreign.expected.json");
  /* What the writer wrote is itself canonical. */
  assert_round_trip ("foreign.expected.json", "foreign.expected.json");
}

static void
test_uuid_dashes (void)
{
  g_autoptr(MeshCdbDocument) dashed = cdb_test_read_data ("minimal.json");
  g_autoptr(MeshCdbDocument) undashed = cdb_test_read_data ("minimal-no-dashes.json");
  static const guint8 mesh_uuid[] = { 0x3B, 0x8D, 0x1E, 0x6F, 0x2A, 0x4C, 0x4B, 0x9E,
                                      0x8D, 0x7F, 0x6A, 0x5B, 0x4C, 0x3D, 0x2E, 0x1F };
  g_autofree char *dashed_text = cdb_test_write_string (dashed);
  g_autofree char *undashed_text = cdb_test_write_string (undashed);

  g_assert_cmpmem (dashed->mesh_uuid, 16, mesh_uuid, 16);
  g_assert_cmpmem (undashed->mesh_uuid, 16, mesh_uuid, 16);
  g_assert_cmpmem (g_array_index (undashed->nodes, MeshCdbNode, 1).uuid, 16,
                   g_array_index (dashed->nodes, MeshCdbNode, 1).uuid, 16);
  /* Both are written with dashes, in upper case. */
  g_assert_cmpstr (undashed_text, ==, dashed_text);
  g_assert_nonnull (strstr (undashed_text, "\"meshUUID\" : \"3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1F\""));
}

static void
test_values (void)
{
  g_autoptr(MeshCdbDocument) document = cdb_test_read_data ("full.json");
  static const guint8 guest_old_key[] = { 0x09, 0x53, 0xFA, 0x93, 0xE7, 0xCA, 0xAC, 0x96,
                                          0x38, 0xF5, 0x88, 0x20, 0x22, 0x0A, 0x39, 0x8E };
  static const guint8 label[] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
                                  0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF };
  const MeshCdbNetKey *guests;
  const MeshCdbNode *kitchen, *relay, *hall;
  const MeshCdbElement *ceiling;
  const MeshCdbModel *onoff, *vendor;
  const MeshCdbProvisioner *phone;

  g_assert_cmpstr (document->mesh_name, ==, "Maison \"Soleil\" – étage");
  g_assert_cmpstr (document->timestamp, ==, "2026-03-14T09:26:53+01:00");
  g_assert_false (document->partial);
  g_assert_cmpuint (document->net_keys->len, ==, 2);
  g_assert_cmpuint (document->app_keys->len, ==, 2);
  g_assert_cmpuint (document->provisioners->len, ==, 2);
  g_assert_cmpuint (document->nodes->len, ==, 4);
  g_assert_cmpuint (document->groups->len, ==, 3);
  g_assert_cmpuint (document->scenes->len, ==, 2);
  g_assert_cmpuint (document->exclusions->len, ==, 2);

  guests = mesh_cdb_document_find_net_key (document, 1);
  g_assert_nonnull (guests);
  g_assert_cmpuint (guests->phase, ==, 1);
  g_assert_true (guests->has_old_key);
  g_assert_cmpmem (guests->old_key, 16, guest_old_key, 16);
  g_assert_cmpint (guests->min_security, ==, MESH_CDB_SECURITY_INSECURE);
  g_assert_cmpuint (mesh_cdb_document_find_app_key (document, 5)->bound_net_key, ==, 1);

  phone = &g_array_index (document->provisioners, MeshCdbProvisioner, 1);
  g_assert_cmpuint (phone->unicast_ranges->len, ==, 2);
  g_assert_cmpuint (g_array_index (phone->unicast_ranges, MeshCdbRange, 1).low, ==, 0x7000);
  g_assert_cmpuint (g_array_index (phone->unicast_ranges, MeshCdbRange, 1).high, ==, 0x7FFF);
  g_assert_cmpuint (phone->scene_ranges->len, ==, 0);

  kitchen = mesh_cdb_document_find_node_by_unicast (document, 0x0012);
  g_assert_nonnull (kitchen);
  g_assert_cmpstr (kitchen->name, ==, "Kitchen");
  g_assert_cmpuint (kitchen->unicast, ==, 0x0010);
  g_assert_cmpuint (mesh_cdb_node_get_address_count (kitchen), ==, 3);
  g_assert_cmpuint (kitchen->cid, ==, 0x0059);
  g_assert_cmpuint (kitchen->crpl, ==, 0x0028);
  g_assert_cmpint (kitchen->relay, ==, MESH_CDB_FEATURE_ENABLED);
  g_assert_cmpint (kitchen->proxy, ==, MESH_CDB_FEATURE_DISABLED);
  g_assert_cmpint (kitchen->friend_, ==, MESH_CDB_FEATURE_UNSUPPORTED);
  g_assert_cmpuint (kitchen->network_transmit.count, ==, 3);
  g_assert_cmpuint (kitchen->network_transmit.interval, ==, 20);
  g_assert_cmpuint (kitchen->relay_retransmit.interval, ==, 320);
  g_assert_cmpuint (kitchen->heartbeat_pub.period, ==, 64);
  g_assert_cmpuint (kitchen->heartbeat_pub.features, ==, MESH_CDB_HEARTBEAT_RELAY | MESH_CDB_HEARTBEAT_FRIEND);
  g_assert_false (kitchen->heartbeat_sub_is_array);
  g_assert_cmpuint (kitchen->heartbeat_sub.destination, ==, 0x0010);

  ceiling = &g_array_index (kitchen->elements, MeshCdbElement, 0);
  g_assert_cmpuint (ceiling->location, ==, 0x0100);
  onoff = &g_array_index (ceiling->models, MeshCdbModel, 1);
  g_assert_cmpuint (onoff->model_id, ==, 0x1000);
  g_assert_false (onoff->vendor);
  g_assert_cmpuint (onoff->subscribe->len, ==, 3);
  g_assert_true (g_array_index (onoff->subscribe, MeshCdbAddress, 2).is_virtual);
  g_assert_cmpmem (g_array_index (onoff->subscribe, MeshCdbAddress, 2).label, 16, label, 16);
  g_assert_cmpuint (onoff->publish.ttl, ==, 255);
  g_assert_cmpuint (onoff->publish.period_steps, ==, 10);
  g_assert_cmpuint (onoff->publish.period_resolution, ==, 1000);
  g_assert_cmpuint (onoff->publish.retransmit_interval, ==, 150);

  vendor = &g_array_index (g_array_index (kitchen->elements, MeshCdbElement, 1).models, MeshCdbModel, 0);
  g_assert_true (vendor->vendor);
  g_assert_cmpuint (vendor->model_id, ==, 0x00590001);
  g_assert_null (g_array_index (kitchen->elements, MeshCdbElement, 1).name);
  g_assert_cmpstr (g_array_index (kitchen->elements, MeshCdbElement, 2).name, ==, "");

  relay = mesh_cdb_document_find_node_by_unicast (document, 0x4000);
  g_assert_null (relay->name);
  g_assert_cmpuint (relay->elements->len, ==, 0);
  g_assert_cmpuint (mesh_cdb_node_get_address_count (relay), ==, 1);
  g_assert_true (relay->excluded);
  g_assert_true (relay->present & MESH_CDB_NODE_HAS_FEATURES);
  g_assert_cmpint (relay->relay, ==, MESH_CDB_FEATURE_UNSUPPORTED);
  g_assert_cmpint (relay->proxy, ==, MESH_CDB_FEATURE_ABSENT);
  g_assert_false (relay->present & MESH_CDB_NODE_HAS_DEFAULT_TTL);
  g_assert_true (relay->heartbeat_sub_is_array);

  hall = mesh_cdb_document_find_node_by_unicast (document, 0x7FFF);
  g_assert_cmpstr (hall->name, ==, "Hall \\ switch\n2");
  g_assert_true (hall->heartbeat_sub_is_array);
  g_assert_false (hall->present & MESH_CDB_NODE_HAS_HEARTBEAT_SUB);

  g_assert_true (g_array_index (document->groups, MeshCdbGroup, 2).address.is_virtual);
  g_assert_cmpuint (g_array_index (document->groups, MeshCdbGroup, 2).parent.value, ==, 0xC002);
  g_assert_cmpuint (g_array_index (document->exclusions, MeshCdbExclusion, 1).iv_index, ==, G_MAXUINT32);
}

/* The malformed files in tests/data/cdb, each with the sentence it gets. */
static const struct
{
  const char *file;
  const char *message;
} malformed_files[] = {
  { "bad-syntax.json",
    "The file is not valid JSON: line 17, column 6: unexpected character `,', expected character `]'." },
  { "bad-type.json",
    "The “configComplete” member of node “Lamp” is not true or false." },
  { "missing-member.json",
    "Node “Lamp” has no “elements” member." },
  { "bad-unicast.json",
    "Node “Lamp” has unicast address 0x8001, which is not a unicast address." },
  { "duplicate-address.json",
    "Node “Lamp” and node “Plug” have the same unicast address 0x0002. Each node needs addresses of its own." },
  { "overlapping-elements.json",
    "Node “Lamp” uses unicast addresses 0x0002–0x0003, and node “Plug” has address 0x0003 among them. Each node needs addresses of its own." },
  { "duplicate-netkey-index.json",
    "Two NetKeys have index 0. Each key needs its own index." },
  { "unbound-appkey.json",
    "AppKey 0 (“Home”) is bound to NetKey 7, which the file does not define." },
  { "overlapping-ranges.json",
    "Provisioners “Laptop” and “Tablet” have overlapping unicast ranges (0x0001–0x00FF and 0x0080–0x01FF). Each provisioner needs ranges of its own." },
  { "short-key.json",
    "The “key” member of NetKey “Primary” is “000102030405060708090A0B0C0D0E”, which is not a key of 32 hex digits." },
  { "bad-uuid.json",
    "The “meshUUID” member of the file is “3B8D1E6F-2A4C-4B9E-8D7F-6A5B4C3D2E1”, which is not a UUID (32 hex digits, with or without dashes)." },
};

static void
test_malformed_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed_files); i++)
    {
      g_autofree char *contents = cdb_test_data_contents (malformed_files[i].file);
      g_autoptr(MeshCdbDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", malformed_files[i].file);
      document = cdb_test_read_string (contents, &error);
      g_assert_null (document);
      g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, malformed_files[i].message);
    }
}

#define PUBLISH(ttl, resolution, count, interval) \
  "{\"address\": \"C000\", \"index\": 0, \"ttl\": " ttl ", " \
  "\"period\": {\"numberOfSteps\": 1, \"resolution\": " resolution "}, " \
  "\"credentials\": 0, \"retransmit\": {\"count\": " count ", \"interval\": " interval "}}"

/* One change to minimal.json each: path, new JSON value (NULL: remove). */
static const struct
{
  const char *path;
  const char *value;
  const char *message;
} mutations[] = {
  /* Types and presence */
  { "meshName", "5", "The “meshName” member of the file is not a string." },
  { "meshUUID", NULL, "The file has no “meshUUID” member." },
  { "netKeys", "{}", "The “netKeys” member of the file is not an array." },
  { "nodes/1", "[]", "Item 2 of the “nodes” array of the file is not an object." },
  { "nodes/1/UUID", NULL, "Node “Lamp” has no “UUID” member." },
  { "nodes/1/netKeys/0/updated", "0", "The “updated” member of an entry of “netKeys” of node “Lamp” is not true or false." },
  { "nodes/1/defaultTTL", "5.5", "The “defaultTTL” member of node “Lamp” is not a whole number." },
  { "nodes/1/elements/0/models/1/bind", "[\"0\"]", "Item 1 of the “bind” array of model 1000 of element 0 of node “Lamp” is not a whole number." },
  { "nodes/1/elements/0/models/1/subscribe", "[49152]", "Item 1 of the “subscribe” array of model 1000 of element 0 of node “Lamp” is not a string." },
  { "nodes/1/elements/0/models", NULL, "Element 0 of node “Lamp” has no “models” member." },
  { "nodes/1/features", "[]", "The “features” member of node “Lamp” is not an object." },
  { "nodes/1/heartbeatSub", "\"C000\"", "The “heartbeatSub” member of node “Lamp” is not an object." },
  { "version", "\"2.0.0\"", "The file is in version 2.0.0 of the Mesh Configuration Database format; this app reads version 1." },
  /* Formats */
  { "nodes/1/unicastAddress", "\"12\"", "The “unicastAddress” member of node “Lamp” is “12”, which is not 4 hex digits." },
  { "nodes/1/unicastAddress", "\"0x02\"", "The “unicastAddress” member of node “Lamp” is “0x02”, which is not 4 hex digits." },
  { "nodes/1/deviceKey", "\"303132333435363738393A3B3C3D3E3F00\"", "The “deviceKey” member of node “Lamp” is “303132333435363738393A3B3C3D3E3F00”, which is not a key of 32 hex digits." },
  { "nodes/1/elements/0/models/0/modelId", "\"100\"", "The “modelId” member of model number 1 of element 0 of node “Lamp” is “100”, which is neither 4 hex digits (a SIG model) nor 8 (a vendor model)." },
  { "nodes/1/security", "\"high\"", "The “security” member of node “Lamp” is “high”; it must be “secure” or “insecure”." },
  { "netKeys/0/timestamp", "\"yesterday\"", "The “timestamp” member of NetKey “Primary” is “yesterday”, which is not a date and time such as 2026-01-31T12:00:00Z." },
  { "groups/0/address", "\"C00G\"", "The “address” member of group “All lamps” is “C00G”, which is neither an address of 4 hex digits nor a virtual label of 32 hex digits." },
  { "provisioners/0/UUID", "\"9A8B7C6D_5E4F_4A3B_8C2D_1E0F9A8B7C6D\"", "The “UUID” member of provisioner “Laptop” is “9A8B7C6D_5E4F_4A3B_8C2D_1E0F9A8B7C6D”, which is not a UUID (32 hex digits, with or without dashes)." },
  { "nodes/1/heartbeatPub", "{\"address\": \"0001\", \"period\": 64, \"ttl\": 5, \"index\": 0, \"features\": [\"relay\", \"sleep\"]}",
    "Item 2 of the “features” array of the heartbeat publication of node “Lamp” is “sleep”; it must be “relay”, “proxy”, “friend” or “lowPower”." },
  /* Ranges */
  { "nodes/1/defaultTTL", "128", "The “defaultTTL” member of node “Lamp” is 128; it must be from 0 to 127." },
  { "nodes/1/defaultTTL", "99999999999999999999", "The “defaultTTL” member of node “Lamp” is -1; it must be from 0 to 127." },
  { "netKeys/0/phase", "3", "The “phase” member of NetKey “Primary” is 3; it must be from 0 to 2." },
  { "netKeys/0/index", "4096", "The “index” member of NetKey “Primary” is 4096; it must be from 0 to 4095." },
  { "appKeys/0/boundNetKey", "-1", "The “boundNetKey” member of AppKey “Home” is -1; it must be from 0 to 4095." },
  { "nodes/1/elements/0/index", "256", "The “index” member of element number 1 of node “Lamp” is 256; it must be from 0 to 255." },
  { "nodes/1/networkTransmit", "{\"count\": 9, \"interval\": 20}", "The “count” member of the network transmit setting of node “Lamp” is 9; it must be from 1 to 8." },
  { "nodes/1/relayRetransmit", "{\"count\": 2, \"interval\": 25}", "The “interval” member of the relay retransmit setting of node “Lamp” is 25 ms, which is not a multiple of 10 ms." },
  { "nodes/1/elements/0/models/1/publish", PUBLISH ("200", "100", "0", "50"),
    "The “ttl” member of the publication of model 1000 of element 0 of node “Lamp” is 200; it must be from 0 to 127, or 255 for the default TTL." },
  { "nodes/1/elements/0/models/1/publish", PUBLISH ("5", "500", "0", "50"),
    "The “resolution” member of the publication period of model 1000 of element 0 of node “Lamp” is 500; it must be 100, 1000, 10000 or 600000 (milliseconds)." },
  { "nodes/1/elements/0/models/1/publish", PUBLISH ("5", "100", "8", "50"),
    "The “count” member of the publication retransmission of model 1000 of element 0 of node “Lamp” is 8; it must be from 0 to 7." },
  { "nodes/1/heartbeatPub", "{\"address\": \"0001\", \"period\": 48, \"ttl\": 5, \"index\": 0, \"features\": []}",
    "The “period” member of the heartbeat publication of node “Lamp” is 48 seconds; it must be 0 or a power of 2 up to 65536." },
  { "networkExclusions", "[{\"ivIndex\": 4294967296, \"addresses\": []}]",
    "The “ivIndex” member of exclusion list number 1 in the file is 4294967296; it must be from 0 to 4294967295." },
  /* Relations (mesh_cdb_document_validate) */
  { "netKeys", "[]", "The file holds no network key. A mesh network has at least one." },
  { "provisioners", "[]", "The file lists no provisioner. A mesh network has at least one." },
  { "nodes/1/unicastAddress", "\"0000\"", "Node “Lamp” has unicast address 0x0000, which is not a unicast address." },
  { "nodes/1/unicastAddress", "\"7FFF\"", "Node “Lamp” has 2 elements from address 0x7FFF, which goes past the last unicast address 0x7FFF." },
  { "nodes/1/UUID", "\"9A8B7C6D5E4F4A3B8C2D1E0F9A8B7C6D\"", "Two nodes have the UUID 9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D." },
  { "nodes/1/deviceKey", NULL, "Node “Lamp” has no device key. Only a partial export may leave device keys out." },
  { "nodes/1/netKeys/0/index", "2", "Node “Lamp” knows NetKey 2, which the file does not define." },
  { "nodes/1/appKeys", "[{\"index\": 0, \"updated\": false}, {\"index\": 0, \"updated\": true}]", "Node “Lamp” lists AppKey 0 twice." },
  { "nodes/1/elements/1/index", "0", "Node “Lamp” has two elements with index 0." },
  { "nodes/1/elements/1/index", "2", "Node “Lamp” has an element with index 2 but only 2 elements." },
  { "nodes/1/elements/0/models/0/modelId", "\"1000\"", "Model 1000 of element 0 of node “Lamp” appears twice in that element." },
  { "nodes/1/elements/0/models/1/bind", "[3]", "Model 1000 of element 0 of node “Lamp” is bound to AppKey 3, which the file does not define." },
  { "nodes/1/elements/0/models/1/subscribe", "[\"0002\"]", "Model 1000 of element 0 of node “Lamp” subscribes to 0x0002, which is not a group address." },
  { "nodes/1/heartbeatPub", "{\"address\": \"0001\", \"period\": 64, \"ttl\": 5, \"index\": 9, \"features\": []}",
    "Node “Lamp” publishes heartbeats with NetKey 9, which the file does not define." },
  { "nodes/1/heartbeatSub", "{\"source\": \"C000\", \"destination\": \"0002\"}",
    "Node “Lamp” listens to heartbeats from 0xC000, which is not a unicast address." },
  { "appKeys/0/index", "4095", "Node “Laptop” knows AppKey 0, which the file does not define." },
  { "groups/0/address", "\"0005\"", "Group “All lamps” has address 0x0005, which is not a group address (0xC000–0xFEFF)." },
  { "groups/0/parentAddress", "\"C0F0\"", "Group “All lamps” has the parent 0xC0F0, which is not a group in the file." },
  { "groups/0/parentAddress", "\"C000\"", "Group “All lamps” is its own ancestor: its parent groups form a loop." },
  { "scenes/0/number", "\"0000\"", "Scene “Night” has number 0x0000, which is not a scene number." },
  { "scenes/0/addresses", "[\"C000\"]", "Scene “Night” stores address 0xC000, which is not a unicast address." },
  { "provisioners/0/allocatedGroupRange/0/highAddress", "\"FF00\"",
    "Provisioner “Laptop” has the group range 0xC000–0xFF00, which is not within 0xC000–0xFEFF or ends before it starts." },
  { "provisioners/0/allocatedUnicastRange/0/lowAddress", "\"0100\"",
    "Provisioner “Laptop” has the unicast range 0x0100–0x00FF, which is not within 0x0001–0x7FFF or ends before it starts." },
};

static void
test_malformed_mutations (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(MeshCdbDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s = %s", mutations[i].path, mutations[i].value);
      document = cdb_test_read_mutated ("minimal.json", mutations[i].path, mutations[i].value, &error);
      g_assert_null (document);
      g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, mutations[i].message);
    }
}

/* Changes that are fine: the reader accepts them. */
static void
test_accepted_variations (void)
{
  static const struct { const char *path; const char *value; } accepted[] = {
    { "nodes/1/name", NULL },                         /* nameless node */
    { "nodes/1/defaultTTL", "5.0" },                  /* integral double */
    { "nodes/1/features", "null" },                   /* null optional member */
    { "groups", NULL },                               /* optional arrays */
    { "scenes", NULL },
    { "networkExclusions", NULL },
    { "partial", NULL },
    { "$schema", NULL },
    { "version", "\"1.1.0\"" },
    { "nodes/1/unknownMember", "{\"a\": [1, 2]}" },   /* unknown members are ignored */
    { "nodes/1/elements/0/models/1/subscribe", "[\"FFFF\", \"c000\"]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(MeshCdbDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s = %s", accepted[i].path, accepted[i].value);
      document = cdb_test_read_mutated ("minimal.json", accepted[i].path, accepted[i].value, &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);
    }
}

static void
test_not_a_network (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "", "The file is empty." },
    { "   \n", "The file is empty." },
    { "[]", "The file does not hold a mesh network: its JSON text is not an object." },
    { "\"text\"", "The file does not hold a mesh network: its JSON text is not an object." },
    { "{}", "The file has no “meshUUID” member." },
    { "{\"a\": \xff}", "The file is not JSON text: JSON data must be UTF-8 encoded." },
    { "{}\n\n{}", "The file has more text after the mesh network, from line 3 on." },
    { "{\"a\": \"}{\"}\n 7", "The file has more text after the mesh network, from line 2 on." },
    { "  {\"a\": [1, {\"b\": \"\\\"]\"}]}  \n", "The file has no “meshUUID” member." },
    { "2{}", "The file does not hold a mesh network: its JSON text is not an object." },
    { "{\n  \"a\": 1\n  \"b\": 2\n}", "The file is not valid JSON: line 2, column 8: unexpected number `1', expected character `,'." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MeshCdbDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      document = cdb_test_read_string (cases[i].text, &error);
      g_assert_null (document);
      g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* json-glib's scanner takes octal escapes, which JSON does not have, and
 * "\364" gives a byte that is not UTF-8: the reader refuses such strings,
 * and its messages stay UTF-8 whatever the file holds. */
static void
test_invalid_utf8 (void)
{
  static const struct { const char *from; const char *to; const char *message; } cases[] = {
    { "\"meshName\" : \"Flat\"", "\"meshName\" : \"Fl\\364t\"",
      "The “meshName” member of the file is not valid UTF-8 text." },
    { "\"name\" : \"Lamp\"", "\"name\" : \"La\\377mp\"",
      "The “name” member of node number 2 in the file is not valid UTF-8 text." },
    { "\"key\" : \"101112131415161718191A1B1C1D1E1F\"", "\"key\" : \"10111213\\3641\"",
      "The “key” member of AppKey “Home” is not valid UTF-8 text." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *contents = cdb_test_data_contents ("minimal.json");
      g_autoptr(GString) text = g_string_new (contents);
      g_autoptr(MeshCdbDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      document = cdb_test_read_string (text->str, &error);
      g_assert_null (document);
      g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Text beyond plain JSON that json-glib takes (an octal number, a raw tab
 * in a string) gives the same document as plain JSON. */
static void
test_json_glib_extensions (void)
{
  g_autofree char *contents = cdb_test_data_contents ("full.json");
  g_autoptr(GString) text = g_string_new (contents);
  g_autoptr(MeshCdbDocument) plain = NULL;
  g_autoptr(MeshCdbDocument) extended = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_text = NULL;
  g_autofree char *extended_text = NULL;

  plain = cdb_test_read_string (text->str, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_string_replace (text, "\"index\" : 0,", "\"index\" : 00,", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"meshName\" : \"", "\"meshName\" :\t\"", 1), ==, 1);
  extended = cdb_test_read_string (text->str, &error);
  g_assert_no_error (error);

  plain_text = cdb_test_write_string (plain);
  extended_text = cdb_test_write_string (extended);
  g_assert_cmpstr (extended_text, ==, plain_text);
}

static void
test_missing_file (void)
{
  g_autofree char *path = cdb_test_data_path ("does-not-exist.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MeshCdbDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = mesh_cdb_reader_read_file (file, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

typedef struct
{
  GMainLoop       *loop;
  MeshCdbDocument *document;
  GError          *error;
  GArray          *fractions;
} AsyncRead;

static void
fraction_changed_cb (MeshCdbProgress *progress,
                     GParamSpec      *pspec,
                     AsyncRead       *state)
{
  double fraction = mesh_cdb_progress_get_fraction (progress);

  /* Notifications come in the thread that created the progress. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (state->fractions, fraction);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncRead *state = user_data;

  state->document = mesh_cdb_reader_read_file_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static GFile *
write_generated (guint n_nodes)
{
  g_autoptr(MeshCdbDocument) generated = cdb_test_generate (n_nodes, 7);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  file = g_file_new_tmp ("cdb-XXXXXX.json", &stream, &error);
  g_assert_no_error (error);
  mesh_cdb_writer_write_file (generated, file, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&file);
}

static guint
line_of (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

/* In a big file, of the two wrong nodes the first is reported, by name,
 * and text that is not JSON deep in the nodes is found with its line. */
static void
test_big_file_errors (void)
{
  g_autoptr(MeshCdbDocument) generated = cdb_test_generate (3000, 7);
  g_autofree char *written = cdb_test_write_string (generated);
  const char *node_1000 = "\"unicastAddress\" : \"03E9\"";
  const char *node_2500 = "\"unicastAddress\" : \"09C5\"";

  /* Valid, for a start: all nodes, in order. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MeshCdbDocument) document = cdb_test_read_string (written, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (document->nodes->len, ==, 3000);
    for (guint i = 0; i < 3000; i++)
      g_assert_cmpuint (g_array_index (document->nodes, MeshCdbNode, i).unicast, ==, i + 1);
  }

  /* Two wrong nodes, in different parts: the first is reported. */
  {
    g_autoptr(GString) text = g_string_new (written);
    g_autoptr(GError) error = NULL;
    g_autoptr(MeshCdbDocument) document = NULL;

    g_assert_cmpuint (g_string_replace (text, node_2500, "\"unicastAddress\" : 2501", 0), ==, 1);
    document = cdb_test_read_string (text->str, &error);
    g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
    g_assert_cmpstr (error->message, ==, "The “unicastAddress” member of node “Node 2500” is not a string.");
    g_clear_error (&error);

    g_assert_cmpuint (g_string_replace (text, node_1000, "\"unicastAddress\" : 1001", 0), ==, 1);
    document = cdb_test_read_string (text->str, &error);
    g_assert_null (document);
    g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
    g_assert_cmpstr (error->message, ==, "The “unicastAddress” member of node “Node 1000” is not a string.");
  }

  /* Not JSON inside a node, and an empty item between two nodes. */
  {
    g_autoptr(GString) text = g_string_new (written);
    g_autoptr(GError) error = NULL;
    g_autoptr(MeshCdbDocument) document = NULL;
    g_autofree char *prefix = NULL;

    g_assert_cmpuint (g_string_replace (text, node_2500, "\"unicastAddress\" : \"09C5\" \"x\"", 0), ==, 1);
    prefix = g_strdup_printf ("The file is not valid JSON: line %u, ",
                              line_of (text->str, strstr (text->str, "\"09C5\" \"x\"")));
    document = cdb_test_read_string (text->str, &error);
    g_assert_null (document);
    g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
    g_assert_true (g_str_has_prefix (error->message, prefix));
  }
  {
    g_autoptr(GString) text = g_string_new (written);
    g_autoptr(GError) error = NULL;
    g_autoptr(MeshCdbDocument) document = NULL;
    g_autofree char *prefix = NULL;
    /* The end of node 999: "    },\n    {\n      \"UUID\"". */
    char *at = g_strrstr_len (text->str, strstr (text->str, node_1000) - text->str, "\n    },\n    {");

    at++;
    g_string_insert_c (text, at + 6 - text->str, ',');
    prefix = g_strdup_printf ("The file is not valid JSON: line %u, ", line_of (text->str, at));
    document = cdb_test_read_string (text->str, &error);
    g_assert_null (document);
    g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
    g_assert_true (g_str_has_prefix (error->message, prefix));
  }
}

static void
test_async_progress (void)
{
  g_autoptr(GFile) file = write_generated (3000);
  g_autoptr(MeshCdbProgress) progress = mesh_cdb_progress_new ();
  AsyncRead state = { g_main_loop_new (NULL, FALSE), NULL, NULL,
                      g_array_new (FALSE, FALSE, sizeof (double)) };

  g_signal_connect (progress, "notify::fraction", G_CALLBACK (fraction_changed_cb), &state);
  mesh_cdb_reader_read_file_async (file, progress, NULL, read_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.document);
  g_assert_cmpuint (state.document->nodes->len, ==, 3000);
  g_assert_cmpuint (g_array_index (state.document->nodes, MeshCdbNode, 2999).unicast, ==, 3000);

  /* The progress rose step by step to 1.0 and never went back. Idle
   * dispatch may merge updates, so only require more than one. */
  g_assert_cmpuint (state.fractions->len, >, 1);
  for (guint i = 1; i < state.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (state.fractions, double, i), >=,
                       g_array_index (state.fractions, double, i - 1));
  g_assert_cmpfloat (mesh_cdb_progress_get_fraction (progress), ==, 1.0);
  g_assert_cmpstr (mesh_cdb_progress_get_text (progress), ==, "Checking the network…");

  g_file_delete (file, NULL, NULL);
  mesh_cdb_document_unref (state.document);
  g_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
}

static void
test_async_cancelled (void)
{
  g_autoptr(GFile) file = write_generated (200);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncRead state = { g_main_loop_new (NULL, FALSE), NULL, NULL, NULL };

  g_cancellable_cancel (cancellable);
  mesh_cdb_reader_read_file_async (file, NULL, cancellable, read_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_null (state.document);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_file_delete (file, NULL, NULL);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cdb/reader/round-trip/full", test_round_trip_full);
  g_test_add_func ("/cdb/reader/round-trip/foreign", test_round_trip_foreign);
  g_test_add_func ("/cdb/reader/uuid-dashes", test_uuid_dashes);
  g_test_add_func ("/cdb/reader/values", test_values);
  g_test_add_func ("/cdb/reader/malformed/files", test_malformed_files);
  g_test_add_func ("/cdb/reader/malformed/mutations", test_malformed_mutations);
  g_test_add_func ("/cdb/reader/accepted", test_accepted_variations);
  g_test_add_func ("/cdb/reader/not-a-network", test_not_a_network);
  g_test_add_func ("/cdb/reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/cdb/reader/json-glib-extensions", test_json_glib_extensions);
  g_test_add_func ("/cdb/reader/missing-file", test_missing_file);
  g_test_add_func ("/cdb/reader/big-file-errors", test_big_file_errors);
  g_test_add_func ("/cdb/reader/async/progress", test_async_progress);
  g_test_add_func ("/cdb/reader/async/cancelled", test_async_cancelled);

  return g_test_run ();
}
