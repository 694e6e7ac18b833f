/* outbox-sender.c: queues one letter and sends it, for test-outbox's
 * "killed mid-send" test, which kills this process while the server holds
 * the request.
 *
 * Usage: outbox-sender DIRECTORY URL CA-FILE
 * (with GIO_USE_NETWORK_MONITOR=base, so that it is always online)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <carta/carta.h>

static void
on_sent (CartaOutbox   *outbox,
         CartaDelivery *delivery,
         GMainLoop     *loop)
{
  g_main_loop_quit (loop);
}

static void
on_enqueued (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!carta_outbox_enqueue_finish (CARTA_OUTBOX (source), result, &error))
    g_error ("Could not queue the letter: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const address[] = { "Колония № 1", "Минск", NULL };
  CartaSubmission submission = {
    .subject = "Пісьмо",
    .body = "Прывітанне! Мы з вамі.",
    .language = "be",
    .case_uid = "demo:case",
    .recipient_name = "Алесь",
    .recipient_address_lines = address,
  };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(CartaOutbox) outbox = NULL;
  g_autoptr(CartaDelivery) delivery = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 4)
    {
      g_printerr ("Usage: %s DIRECTORY URL CA-FILE\n", argv[0]);
      return 2;
    }

  session = carta_network_session_new (NULL, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (argv[3], &error);
  g_assert_no_error (error);
  soup_session_set_tls_database (session, database);

  body = carta_submitter_build_body (CARTA_DELIVERY_FORWARD, &submission, &error);
  g_assert_no_error (error);
  delivery = carta_delivery_new_submission (CARTA_DELIVERY_FORWARD, argv[2], body, NULL,
                                            submission.recipient_name, NULL, submission.case_uid, "be");
  outbox = carta_outbox_new (session, argv[1], NULL, NULL);
  g_signal_connect (outbox, "delivery-sent", G_CALLBACK (on_sent), loop);
  carta_outbox_enqueue_async (outbox, delivery, NULL, on_enqueued, NULL);
  g_main_loop_run (loop);

  return 0;
}
