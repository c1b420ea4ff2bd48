/* test-config-engine-queue.c
 *
 * Copyright 2026 The Mesh Provisioner authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mesh-config-engine-private.h"
#include "mesh-config-plan.h"
#include "mesh-error.h"
#include "mesh-status-code.h"
#include "test-config-engine-utils.h"

/* How the configuration engine queues, matches, times out, retries and
 * cancels, against MeshTestTransport; answers are held and released by the
 * tests where the order matters. Runs under tests/session-run (keyring). */

static void
assert_default_ttl_unknown (Fixture *f,
                            guint16  unicast)
{
  Snapshot s;

  snapshot_open (&s, f->path);
  g_assert_cmpint (mesh_node_get_default_ttl (snapshot_node (&s, unicast)), ==, -1);
  snapshot_close (&s);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  mesh_test_transport_set_silent (f->transport, 0x0100, TRUE);
  mesh_config_engine_default_ttl_set_async (f->engine, node, 9, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, fixture_wait (f), &error);

  g_assert_error (error, MESH_ERROR, MESH_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "The node did not answer. It may be out of range or switched off.");
  g_assert_null (status);
  /* Sent once, then again for each of the 2 retries, 100 ms apart. */
  g_assert_cmpuint (mesh_test_transport_count_sent (f->transport, 0x0100), ==, 3);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpint (mesh_node_get_default_ttl (node), ==, -1);
  assert_default_ttl_unknown (f, 0x0100);
}

static void
test_retry (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_test_transport_drop_next (f->transport, 0x0110, 2);
  mesh_config_engine_default_ttl_set_async (f->engine, fixture_node (f, 1), 9, NULL,
                                            mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->default_ttl, ==, 9);
  g_assert_cmpuint (mesh_test_transport_count_sent (f->transport, 0x0110), ==, 3);
  assert_sent (f, 0, 0x0110, MESH_TRANSPORT_KEY_DEVICE, "80 0d 09");
  assert_sent (f, 2, 0x0110, MESH_TRANSPORT_KEY_DEVICE, "80 0d 09");
}

static void
test_status_failure (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = mesh_status_code_describe (MESH_STATUS_INVALID_APPKEY_INDEX);
  Snapshot s;

  /* The node does not have AppKey 1 yet. */
  mesh_config_engine_model_app_bind_async (f->engine, fixture_node (f, 0), 0x0100, mesh_model_id_sig (0x1000), 1,
                                           NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_model_app_bind_finish (f->engine, fixture_wait (f), &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_STATUS);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (status);
  /* A failure status is an answer: no retry. */
  g_assert_cmpuint (mesh_test_transport_count_sent (f->transport, 0x0100), ==, 1);

  snapshot_open (&s, f->path);
  assert_bindings (mesh_element_find_model (mesh_node_get_element (snapshot_node (&s, 0x0100), 0), 0x1000, FALSE), 0);
  snapshot_close (&s);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  /* A Default TTL Status without its parameter, three times. */
  for (guint i = 0; i < 3; i++)
    push_reply (f, 0x0100, "80 0e");

  mesh_config_engine_default_ttl_get_async (f->engine, fixture_node (f, 0), NULL,
                                            mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_default_ttl_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_INVALID_DATA);
  g_assert_null (status);
  g_assert_cmpuint (mesh_test_transport_count_sent (f->transport, 0x0100), ==, 3);
  assert_default_ttl_unknown (f, 0x0100);
}

static void
test_send_failure (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_test_transport_set_fail_sends (f->transport, TRUE);
  mesh_config_engine_default_ttl_set_async (f->engine, fixture_node (f, 0), 9, NULL,
                                            mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (status);
  assert_default_ttl_unknown (f, 0x0100);
}

/* A late answer to a request that timed out reaches the engine while the
 * next request of the same kind to that node waits: it is not taken for
 * that one's answer, nor stored. */
static void
test_late_answer (Fixture       *f,
                  gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot s;

  add_app_key (f, node);
  mesh_config_engine_set_timeout (f->engine, 300);
  mesh_config_engine_set_retries (f->engine, 0);
  mesh_test_transport_set_hold (f->transport, TRUE);

  mesh_config_engine_model_app_bind_async (f->engine, node, 0x0100, mesh_model_id_sig (0x1000), 1, NULL,
                                           mesh_core_test_result_cb, &first);
  mesh_config_engine_model_app_bind_async (f->engine, node, 0x0101, mesh_model_id_sig (0x1000), 1, NULL,
                                           mesh_core_test_result_cb, &second);

  first = mesh_core_test_wait (&first);
  status = mesh_config_engine_model_app_bind_finish (f->engine, first, &error);
  g_assert_error (error, MESH_ERROR, MESH_ERROR_TIMED_OUT);
  g_clear_error (&error);

  /* The first answer (held) and the second request's. */
  g_assert_cmpuint (mesh_test_transport_get_n_held (f->transport), ==, 2);
  mesh_test_transport_release (f->transport, 0);
  fixture_iterate_ms (20);
  g_assert_null (second);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (f->engine), ==, 1);

  mesh_test_transport_release (f->transport, 0);
  second = mesh_core_test_wait (&second);
  status = mesh_config_engine_model_app_bind_finish (f->engine, second, &error);
  g_assert_no_error (error);
  g_assert_cmphex (status->model_app.element_address, ==, 0x0101);

  snapshot_open (&s, f->path);
  node = snapshot_node (&s, 0x0100);
  assert_bindings (mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE), 0);
  assert_bindings (mesh_element_find_model (mesh_node_get_element (node, 1), 0x1000, FALSE), 1, 1);
  snapshot_close (&s);
}

/* Every answer arrives twice: the copy reaches the engine while the next
 * request of the same kind waits, and must not end it. */
static void
test_duplicate_answer (Fixture       *f,
                       gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_test_transport_set_duplicate (f->transport, TRUE);
  mesh_config_engine_default_ttl_set_async (f->engine, node, 5, NULL, mesh_core_test_result_cb, &first);
  mesh_config_engine_default_ttl_set_async (f->engine, node, 6, NULL, mesh_core_test_result_cb, &second);

  first = mesh_core_test_wait (&first);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->default_ttl, ==, 5);
  g_clear_pointer (&status, mesh_config_status_free);

  second = mesh_core_test_wait (&second);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->default_ttl, ==, 6);
  g_assert_cmpuint (mesh_test_transport_count_sent (f->transport, 0x0100), ==, 2);
  g_assert_cmpint (mesh_node_get_default_ttl (node), ==, 6);
}

/* Iterates until the call has completed; the result stays in place. */
static void
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/* One request in flight per node, in the order they were made. */
static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  GAsyncResult *results[3] = { NULL, };
  g_autoptr(GError) error = NULL;

  mesh_test_transport_set_hold (f->transport, TRUE);
  mesh_config_engine_set_timeout (f->engine, 10000);

  mesh_config_engine_default_ttl_get_async (f->engine, node, NULL, mesh_core_test_result_cb, &results[0]);
  mesh_config_engine_beacon_get_async (f->engine, node, NULL, mesh_core_test_result_cb, &results[1]);
  mesh_config_engine_gatt_proxy_get_async (f->engine, node, NULL, mesh_core_test_result_cb, &results[2]);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (f->engine), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      fixture_iterate_ms (10);
      g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, i + 1);
      g_assert_cmpuint (mesh_test_transport_get_n_held (f->transport), ==, 1);
      g_assert_null (results[i]);
      mesh_test_transport_release (f->transport, 0);
      wait_for (&results[i]);
    }

  assert_sent (f, 0, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 0c");
  assert_sent (f, 1, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 09");
  assert_sent (f, 2, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 12");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MeshConfigStatus) status = mesh_config_engine_status_finish (f->engine, results[i],
                                                                           g_task_get_source_tag (G_TASK (results[i])),
                                                                           &error);
      g_assert_no_error (error);
      g_assert_nonnull (status);
      g_clear_object (&results[i]);
    }
}

static void
n_pending_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *max)
{
  *max = MAX (*max, mesh_config_engine_get_n_pending (MESH_CONFIG_ENGINE (object)));
}

/* At most max-parallel nodes have a request in flight; the others wait
 * their turn. */
static void
test_parallel_limit (Fixture       *f,
                     gconstpointer  data)
{
  GAsyncResult *results[N_NODES] = { NULL, };
  guint max_pending = 0;
  guint released = 0;

  mesh_test_transport_set_hold (f->transport, TRUE);
  mesh_config_engine_set_timeout (f->engine, 10000);
  mesh_config_engine_set_max_parallel (f->engine, 3);
  g_signal_connect (f->engine, "notify::n-pending", G_CALLBACK (n_pending_cb), &max_pending);

  for (guint i = 0; i < N_NODES; i++)
    mesh_config_engine_default_ttl_get_async (f->engine, fixture_node (f, i), NULL,
                                              mesh_core_test_result_cb, &results[i]);
  g_assert_cmpuint (max_pending, ==, N_NODES);

  while (released < N_NODES)
    {
      guint in_flight = MIN (3, N_NODES - released);

      fixture_iterate_ms (10);
      g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, released + in_flight);
      g_assert_cmpuint (mesh_test_transport_get_n_held (f->transport), ==, in_flight);

      /* Answers in any order free their slot. */
      mesh_test_transport_release (f->transport, in_flight - 1);
      released++;
    }

  for (guint i = 0; i < N_NODES; i++)
    {
      wait_for (&results[i]);
      g_clear_object (&results[i]);
    }

  /* Raising the limit starts waiting requests at once. */
  mesh_config_engine_set_max_parallel (f->engine, 1);
  mesh_test_transport_clear_sent (f->transport);
  for (guint i = 0; i < 4; i++)
    mesh_config_engine_default_ttl_get_async (f->engine, fixture_node (f, i), NULL,
                                              mesh_core_test_result_cb, &results[i]);
  fixture_iterate_ms (10);
  g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, 1);
  mesh_config_engine_set_max_parallel (f->engine, 4);
  g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, 4);
  while (mesh_test_transport_get_n_held (f->transport) > 0)
    mesh_test_transport_release (f->transport, 0);
  for (guint i = 0; i < 4; i++)
    {
      wait_for (&results[i]);
      g_clear_object (&results[i]);
    }
}

static void
test_cancel_queued (Fixture       *f,
                    gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_test_transport_set_hold (f->transport, TRUE);
  mesh_config_engine_set_timeout (f->engine, 10000);

  mesh_config_engine_default_ttl_get_async (f->engine, node, NULL, mesh_core_test_result_cb, &first);
  mesh_config_engine_default_ttl_set_async (f->engine, node, 9, cancellable, mesh_core_test_result_cb, &second);
  fixture_iterate_ms (10);

  g_cancellable_cancel (cancellable);
  second = mesh_core_test_wait (&second);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, second, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (f->engine), ==, 1);

  mesh_test_transport_release (f->transport, 0);
  first = mesh_core_test_wait (&first);
  fixture_iterate_ms (20);
  /* The cancelled Set never left. */
  g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, 1);
  assert_sent (f, 0, 0x0100, MESH_TRANSPORT_KEY_DEVICE, "80 0c");
  g_assert_cmpuint (mesh_test_transport_get_n_held (f->transport), ==, 0);
}

static void
test_cancel_in_flight (Fixture       *f,
                       gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_test_transport_set_hold (f->transport, TRUE);
  mesh_config_engine_set_timeout (f->engine, 10000);

  mesh_config_engine_default_ttl_set_async (f->engine, node, 9, cancellable, mesh_core_test_result_cb, &f->result);
  fixture_iterate_ms (10);
  g_assert_cmpuint (mesh_test_transport_get_n_held (f->transport), ==, 1);

  g_cancellable_cancel (cancellable);
  status = mesh_config_engine_default_ttl_set_finish (f->engine, fixture_wait (f), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (f->engine), ==, 0);

  /* Its answer comes anyway: nobody takes it, nothing is stored. */
  mesh_test_transport_release (f->transport, 0);
  fixture_iterate_ms (20);
  g_assert_cmpint (mesh_node_get_default_ttl (node), ==, -1);
  assert_default_ttl_unknown (f, 0x0100);

  /* The node is free for the next request. */
  mesh_test_transport_set_hold (f->transport, FALSE);
  mesh_config_engine_default_ttl_get_async (f->engine, node, NULL, mesh_core_test_result_cb, &f->result);
  status = mesh_config_engine_default_ttl_get_finish (f->engine, fixture_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->default_ttl, ==, 9);
}

/* An AppKey Add waits for the keyring, but the bind made after it still
 * leaves after it. */
static void
test_key_order (Fixture       *f,
                gconstpointer  data)
{
  MeshNode *node = fixture_node (f, 2);
  g_autoptr(GAsyncResult) add = NULL;
  g_autoptr(GAsyncResult) bind = NULL;
  g_autoptr(MeshConfigStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  mesh_config_engine_app_key_add_async (f->engine, node, 1, NULL, mesh_core_test_result_cb, &add);
  mesh_config_engine_model_app_bind_async (f->engine, node, 0x0120, mesh_model_id_sig (0x1000), 1, NULL,
                                           mesh_core_test_result_cb, &bind);
  bind = mesh_core_test_wait (&bind);
  add = mesh_core_test_wait (&add);

  status = mesh_config_engine_model_app_bind_finish (f->engine, bind, &error);
  g_assert_no_error (error);
  g_clear_pointer (&status, mesh_config_status_free);
  status = mesh_config_engine_app_key_add_finish (f->engine, add, &error);
  g_assert_no_error (error);

  g_assert_cmphex (((const guint8 *) g_bytes_get_data (((MeshTestSent *) mesh_test_transport_get_sent (f->transport)->pdata[0])->message, NULL))[0], ==, 0x00);
  assert_sent (f, 1, 0x0120, MESH_TRANSPORT_KEY_DEVICE, "80 3d 20 01 01 00 00 10");
}

typedef struct
{
  guint ok;
  guint failed;
} Progress;

static void
progress_cb (MeshNode     *node,
             guint         step,
             const GError *error,
             gpointer      user_data)
{
  Progress *progress = user_data;

  if (error != NULL)
    progress->failed++;
  else
    progress->ok++;
}

static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MeshConfigPlan) plan = mesh_config_plan_new ();
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  MeshDestination group;
  Progress progress = { 0 };

  mesh_destination_init_address (&group, 0xc001);
  mesh_config_plan_add_app_key (plan, 1);
  mesh_config_plan_add_bind (plan, 0, mesh_model_id_sig (0x1000), 1);
  mesh_config_plan_add_bind (plan, 1, mesh_model_id_sig (0x1000), 1);
  mesh_config_plan_add_subscription (plan, 0, mesh_model_id_sig (0x1000), &group);
  g_assert_cmpuint (mesh_config_plan_get_n_steps (plan), ==, 4);

  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (nodes, fixture_node (f, i));
  mesh_test_transport_set_silent (f->transport, 0x0130, TRUE);
  mesh_config_engine_set_max_parallel (f->engine, 2);

  mesh_config_plan_run_async (plan, f->engine, nodes, progress_cb, &progress, NULL, NULL,
                              mesh_core_test_result_cb, &f->result);
  g_assert_false (mesh_config_plan_run_finish (plan, fixture_wait (f), &failed, &error));
  g_assert_error (error, MESH_ERROR, MESH_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
                   "1 of 6 nodes could not be configured: The node did not answer. It may be out of range or switched off.");
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_true (failed->pdata[0] == fixture_node (f, 3));
  g_assert_cmpuint (progress.ok, ==, 5 * 4);
  g_assert_cmpuint (progress.failed, ==, 1);

  for (guint i = 0; i < 6; i++)
    {
      Snapshot s;
      MeshNode *node;
      guint16 unicast = 0x0100 + 0x10 * i;

      snapshot_open (&s, f->path);
      node = snapshot_node (&s, unicast);
      assert_bindings (mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE), i == 3 ? 0 : 1, 1);
      assert_bindings (mesh_element_find_model (mesh_node_get_element (node, 1), 0x1000, FALSE), i == 3 ? 0 : 1, 1);
      assert_subscriptions (mesh_element_find_model (mesh_node_get_element (node, 0), 0x1000, FALSE),
                            i == 3 ? 0 : 1, 0xc001);
      snapshot_close (&s);
    }

  /* A run with every node answering succeeds. */
  g_clear_error (&error);
  g_clear_pointer (&failed, g_ptr_array_unref);
  mesh_test_transport_set_silent (f->transport, 0x0130, FALSE);
  mesh_config_plan_run_async (plan, f->engine, nodes, NULL, NULL, NULL, NULL, mesh_core_test_result_cb, &f->result);
  g_assert_true (mesh_config_plan_run_finish (plan, fixture_wait (f), &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 0);
}

static void
test_plan_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MeshConfigPlan) plan = mesh_config_plan_new ();
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  mesh_config_plan_add_default_ttl (plan, 4);
  mesh_config_plan_add_default_ttl (plan, 5);
  for (guint i = 0; i < N_NODES; i++)
    g_ptr_array_add (nodes, fixture_node (f, i));
  mesh_test_transport_set_hold (f->transport, TRUE);
  mesh_config_engine_set_timeout (f->engine, 10000);
  mesh_config_engine_set_max_parallel (f->engine, 2);

  mesh_config_plan_run_async (plan, f->engine, nodes, NULL, NULL, NULL, cancellable,
                              mesh_core_test_result_cb, &f->result);
  fixture_iterate_ms (10);
  g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, 2);
  g_cancellable_cancel (cancellable);

  g_assert_false (mesh_config_plan_run_finish (plan, fixture_wait (f), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mesh_config_engine_get_n_pending (f->engine), ==, 0);
  g_assert_cmpuint (mesh_test_transport_get_sent (f->transport)->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  fixture_add ("/config-engine-queue/timeout", test_timeout);
  fixture_add ("/config-engine-queue/retry", test_retry);
  fixture_add ("/config-engine-queue/status-failure", test_status_failure);
  fixture_add ("/config-engine-queue/malformed", test_malformed);
  fixture_add ("/config-engine-queue/send-failure", test_send_failure);
  fixture_add ("/config-engine-queue/late-answer", test_late_answer);
  fixture_add ("/config-engine-queue/duplicate-answer", test_duplicate_answer);
  fixture_add ("/config-engine-queue/fifo", test_fifo);
  fixture_add ("/config-engine-queue/parallel-limit", test_parallel_limit);
  fixture_add ("/config-engine-queue/cancel-queued", test_cancel_queued);
  fixture_add ("/config-engine-queue/cancel-in-flight", test_cancel_in_flight);
  fixture_add ("/config-engine-queue/key-order", test_key_order);
  fixture_add ("/config-engine-queue/plan", test_plan);
  fixture_add ("/config-engine-queue/plan-cancel", test_plan_cancel);

  return g_test_run ();
}
